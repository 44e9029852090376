/*
 * focuslevel.h - umbrella header of the focuslevel library.
 *
 * Load a portfolio (portfolio.h), classify it (model.h), write the plan
 * (report.h, out.h).  Errors come back as values (diag.h).
 */
#ifndef FOCUSLEVEL_H
#define FOCUSLEVEL_H

#include "diag.h"
#include "format.h"
#include "portfolio.h"
#include "orderlines.h"
#include "model.h"
#include "economics.h"
#include "period.h"
#include "loyalty.h"
#include "clv.h"
#include "profit.h"
#include "out.h"
#include "plot.h"
#include "policy.h"
#include "report.h"
#include "summary.h"
#include "diff.h"
#include "partial.h"

#endif
