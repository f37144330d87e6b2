# survey.R - the test oracle for coda's designs: R's survey package.
#
#   Rscript tests/oracle/survey.R DATA_DIR EXPECTED_DIR
#   (make oracle: DATA_DIR datasets/api, EXPECTED_DIR tests/golden/survey)
#
# Writes the api data of R's survey package (apisrs, apistrat, apiclus1,
# apiclus2) and a generated design (gen.csv) to DATA_DIR as CSV, and the
# estimates R computes on them to EXPECTED_DIR/expected.csv, one number a
# line: design, call, group, level, quantity, value (%.17g).  make oracle
# runs it; tests/lua/test_survey.lua reads the committed files, so make
# test needs no R.
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
data_dir <- args[1]
out_dir <- args[2]
dir.create(data_dir, showWarnings = FALSE, recursive = TRUE)
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

data(api)
for (n in c("apisrs", "apistrat", "apiclus1", "apiclus2"))
  write.csv(get(n), file.path(data_dir, paste0(n, ".csv")), row.names = FALSE,
            na = "")

# A generated design: 12 strata of 1 to 9 clusters of 1 to 30 rows,
# unequal weights, a numeric y with missing values, x, a factor g with
# an empty level in some strata, and a stratum population for the fpc.
set.seed(20261202)
gen <- do.call(rbind, lapply(1:12, function(h) {
  ncl <- if (h == 3) 1 else sample(2:9, 1)
  do.call(rbind, lapply(1:ncl, function(k) {
    m <- sample(1:30, 1)
    data.frame(stratum = paste0("s", h), psu = k, w = round(runif(m, 1, 50), 2),
               y = round(rnorm(m, 10 + h, 3), 3), x = round(runif(m, 1, 5), 3),
               g = sample(c("a", "b", "c"), m, TRUE, prob = c(0.5, 0.3, 0.2)),
               N = ncl * 3 + h)
  }))
}))
gen$y[sample(nrow(gen), 20)] <- NA
write.csv(gen, file.path(data_dir, "gen.csv"), row.names = FALSE, na = "")

# A generated three-stage design: 4 strata of 2 to 4 PSUs (psu), 1 to 3
# SSUs in each (ssu), 1 to 3 households in each (hh) of 1 to 4 rows; the
# population at each stage as a count (N1, N2, N3) and as a fraction
# (f1, f2, f3).  PSU 1 of stratum s2 has one SSU of several sampled, and
# some SSUs one household of several: lonely at a later stage.
set.seed(20261203)
gen3 <- do.call(rbind, lapply(1:4, function(h) {
  npsu <- sample(2:4, 1); N1 <- npsu + sample(0:5, 1)
  do.call(rbind, lapply(1:npsu, function(i) {
    nssu <- if (h == 2 && i == 1) 1 else sample(1:3, 1)
    N2 <- nssu + if (h == 2 && i == 1) 3 else sample(0:4, 1)
    do.call(rbind, lapply(1:nssu, function(j) {
      nhh <- sample(1:3, 1); N3 <- nhh + sample(0:3, 1)
      do.call(rbind, lapply(1:nhh, function(k) {
        m <- sample(1:4, 1)
        data.frame(stratum = paste0("s", h), psu = i, ssu = j, hh = k,
                   N1 = N1, N2 = N2, N3 = N3, f1 = npsu / N1, f2 = nssu / N2,
                   f3 = nhh / N3, y = round(rnorm(m, 20 + h, 4), 2),
                   x = round(runif(m, 1, 3), 2),
                   g = sample(c("a", "b"), m, TRUE))
      }))
    }))
  }))
}))
write.csv(gen3, file.path(data_dir, "gen3.csv"), row.names = FALSE, na = "")

out <- file(file.path(out_dir, "expected.csv"), "w")
writeLines("design,call,group,level,quantity,value", out)
put <- function(design, call, group, level, quantity, value)
  for (i in seq_along(value)) {
    group <- rep_len(group, length(value)); level <- rep_len(level, length(value))
    writeLines(sprintf("%s,%s,%s,%s,%s,%.17g", design, call, group[i],
                       level[i], quantity, value[i]), out)
  }
one <- function(design, call, q, v) put(design, call, "", "", q, v)

designs <- list(
  srs = svydesign(id = ~1, weights = ~pw, fpc = ~fpc, data = apisrs),
  srs_wr = svydesign(id = ~1, weights = ~pw, data = apisrs),
  srs_fpc_only = svydesign(id = ~1, fpc = ~fpc, data = apisrs),
  strat = svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc,
                    data = apistrat),
  clus1 = svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1),
  clus1_wr = svydesign(id = ~dnum, weights = ~pw, data = apiclus1),
  clus2_wr = svydesign(id = ~dnum, weights = ~pw, data = apiclus2),
  # two stages with an fpc at each: R's multistage variance, the weights
  # from the fpcs
  clus2 = svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2)
)

for (dn in names(designs)) {
  d <- designs[[dn]]
  for (v in c("api00", "api99", "enroll")) {
    m <- svymean(as.formula(paste0("~", v)), d, na.rm = TRUE, deff = TRUE)
    mr <- svymean(as.formula(paste0("~", v)), d, na.rm = TRUE, deff = "replace")
    call <- paste0("mean:", v)
    one(dn, call, "est", coef(m)); one(dn, call, "se", SE(m))
    ci <- confint(m); one(dn, call, "ci_low", ci[1]); one(dn, call, "ci_high", ci[2])
    one(dn, call, "deff", deff(m)); one(dn, call, "deff_replace", deff(mr))
    vv <- svyvar(as.formula(paste0("~", v)), d, na.rm = TRUE)
    one(dn, paste0("var:", v), "est", coef(vv)); one(dn, paste0("var:", v), "se", SE(vv))
    t <- svytotal(as.formula(paste0("~", v)), d, na.rm = TRUE, deff = TRUE)
    call <- paste0("total:", v)
    one(dn, call, "est", coef(t)); one(dn, call, "se", SE(t))
    one(dn, call, "deff", deff(t))
  }
  r <- svyratio(~api00, ~api99, d, deff = TRUE)
  one(dn, "ratio:api00/api99", "est", coef(r)); one(dn, "ratio:api00/api99", "se", SE(r))
  one(dn, "ratio:api00/api99", "deff", deff(r))
  p <- svymean(~stype, d, deff = TRUE)
  lv <- levels(apisrs$stype)
  put(dn, "freq:stype", "", lv, "pct", 100 * coef(p))
  put(dn, "freq:stype", "", lv, "se", 100 * SE(p))
  put(dn, "freq:stype", "", lv, "deff", deff(p))
  put(dn, "freq:stype", "", lv, "count", coef(svytotal(~stype, d)))
  for (l in lv) {
    ci <- attr(eval(bquote(svyciprop(~I(stype == .(l)), d, method = "logit"))), "ci")
    put(dn, "freq:stype", "", l, "ci_low", 100 * ci[1])
    put(dn, "freq:stype", "", l, "ci_high", 100 * ci[2])
  }
  b <- svyby(~api00, ~stype, d, svymean)
  put(dn, "by_mean:api00~stype", as.character(b$stype), "", "est", coef(b))
  put(dn, "by_mean:api00~stype", as.character(b$stype), "", "se", SE(b))
  b <- svyby(~api00, ~stype, d, svyvar)
  put(dn, "by_var:api00~stype", as.character(b$stype), "", "est", coef(b))
  put(dn, "by_var:api00~stype", as.character(b$stype), "", "se", SE(b))
  s <- svymean(~api00, subset(d, stype == "M"))
  one(dn, "sub_mean:api00|stype=M", "est", coef(s)); one(dn, "sub_mean:api00|stype=M", "se", SE(s))
  # design effects of domains and groups (svyby with deff = TRUE)
  s <- svymean(~api00, subset(d, stype == "M"), deff = TRUE)
  one(dn, "sub_mean:api00|stype=M", "deff", deff(s))
  b <- svyby(~api00, ~stype, d, svymean, deff = TRUE)
  put(dn, "by_mean:api00~stype", as.character(b$stype), "", "deff", deff(b))
  b <- svyby(~enroll, ~stype, d, svytotal, deff = TRUE, na.rm = TRUE)
  put(dn, "by_total:enroll~stype", as.character(b$stype), "", "est", coef(b))
  put(dn, "by_total:enroll~stype", as.character(b$stype), "", "se", SE(b))
  put(dn, "by_total:enroll~stype", as.character(b$stype), "", "deff", deff(b))
  b <- svyby(~stype, ~sch.wide, d, svymean, deff = TRUE)
  for (w in c("No", "Yes"))
    put(dn, "by_freq:stype~sch.wide", w, lv, "deff",
        as.numeric(b[b$sch.wide == w, paste0("DEff.stype", lv)]))
  for (f in list(c("sch.wide", "stype"), c("awards", "comp.imp"))) {
    x <- svychisq(as.formula(paste0("~", f[1], "+", f[2])), d)
    call <- paste0("svychisq:", f[1], "*", f[2])
    one(dn, call, "statistic", x$statistic); one(dn, call, "ndf", x$parameter[1])
    one(dn, call, "ddf", x$parameter[2]); one(dn, call, "p", x$p.value)
    # the first-order correction (its statistic is Pearson's X^2 itself)
    x <- svychisq(as.formula(paste0("~", f[1], "+", f[2])), d, statistic = "Chisq")
    one(dn, paste0(call, ":Chisq"), "chisq", x$statistic)
    one(dn, paste0(call, ":Chisq"), "ndf", x$parameter)
    one(dn, paste0(call, ":Chisq"), "p", x$p.value)
    for (s in c("Wald", "adjWald")) {
      x <- svychisq(as.formula(paste0("~", f[1], "+", f[2])), d, statistic = s)
      one(dn, paste0(call, ":", s), "statistic", x$statistic)
      one(dn, paste0(call, ":", s), "ndf", x$parameter[1])
      one(dn, paste0(call, ":", s), "ddf", x$parameter[2])
      one(dn, paste0(call, ":", s), "p", x$p.value)
    }
  }
  x <- svyttest(api00 ~ awards, d)
  call <- "svyttest:api00~awards"
  one(dn, call, "statistic", x$statistic); one(dn, call, "df", x$parameter)
  one(dn, call, "p", x$p.value); one(dn, call, "est", x$estimate)
  one(dn, call, "ci_low", x$conf.int[1]); one(dn, call, "ci_high", x$conf.int[2])
  x <- svyttest(I(api00 - 600) ~ 0, d)
  call <- "svyttest:api00=600"
  one(dn, call, "statistic", x$statistic); one(dn, call, "df", x$parameter)
  one(dn, call, "p", x$p.value); one(dn, call, "est", x$estimate + 600)
  one(dn, call, "ci_low", x$conf.int[1] + 600); one(dn, call, "ci_high", x$conf.int[2] + 600)
  q <- svyquantile(~api00, d, c(0.25, 0.5, 0.75))$api00
  qlv <- c("0.25", "0.5", "0.75")
  put(dn, "quantile:api00", "", qlv, "est", q[, "quantile"])
  put(dn, "quantile:api00", "", qlv, "se", q[, "se"])
  put(dn, "quantile:api00", "", qlv, "ci_low", q[, 2])
  put(dn, "quantile:api00", "", qlv, "ci_high", q[, 3])
  if (dn %in% c("srs", "srs_wr", "strat")) {
    b <- svyby(~api00, ~stype, d, svyquantile, quantiles = 0.5)
    put(dn, "by_quantile:api00~stype", as.character(b$stype), "0.5", "est", b$api00)
    put(dn, "by_quantile:api00~stype", as.character(b$stype), "0.5", "se", b$se.api00)
  }
  # A multi-select column made by the test from awards, comp.imp and both:
  # the labels whose value is Yes, "none" when none is; in percent of
  # cases each label is an indicator over every row.
  flags <- list(awards = quote(awards == "Yes"), comp.imp = quote(comp.imp == "Yes"),
                both = quote(both == "Yes"),
                none = quote(awards == "No" & comp.imp == "No" & both == "No"))
  for (l in names(flags)) {
    m <- eval(bquote(svymean(~as.numeric(.(flags[[l]])), d, deff = TRUE)))
    put(dn, "multi:flags", "", l, "pct", 100 * coef(m)); put(dn, "multi:flags", "", l, "se", 100 * SE(m))
    put(dn, "multi:flags", "", l, "deff", deff(m))
    put(dn, "multi:flags", "", l, "count", coef(eval(bquote(svytotal(~as.numeric(.(flags[[l]])), d)))))
    ci <- attr(eval(bquote(svyciprop(~I(.(flags[[l]])), d, method = "logit"))), "ci")
    put(dn, "multi:flags", "", l, "ci_low", 100 * ci[1]); put(dn, "multi:flags", "", l, "ci_high", 100 * ci[2])
  }
  rp <- svyby(~sch.wide, ~stype, d, svymean, deff = TRUE)
  cp <- svyby(~stype, ~sch.wide, d, svymean, deff = TRUE)
  tp <- svymean(~interaction(stype, sch.wide), d, deff = TRUE)
  for (a in lv) for (w in c("No", "Yes")) {
    lvl <- paste0(a, "|", w)
    i <- which(rp$stype == a)
    put(dn, "xtab:stype*sch.wide", "", lvl, "row_pct", 100 * rp[i, paste0("sch.wide", w)])
    put(dn, "xtab:stype*sch.wide", "", lvl, "row_se", 100 * rp[i, paste0("se.sch.wide", w)])
    j <- which(cp$sch.wide == w)
    put(dn, "xtab:stype*sch.wide", "", lvl, "col_pct", 100 * cp[j, paste0("stype", a)])
    put(dn, "xtab:stype*sch.wide", "", lvl, "col_se", 100 * cp[j, paste0("se.stype", a)])
    k <- paste0("interaction(stype, sch.wide)", a, ".", w)
    put(dn, "xtab:stype*sch.wide", "", lvl, "total_pct", 100 * coef(tp)[k])
    put(dn, "xtab:stype*sch.wide", "", lvl, "total_se", 100 * SE(tp)[k])
    put(dn, "xtab:stype*sch.wide", "", lvl, "row_deff", rp[i, paste0("DEff.sch.wide", w)])
    put(dn, "xtab:stype*sch.wide", "", lvl, "col_deff", cp[j, paste0("DEff.stype", a)])
    put(dn, "xtab:stype*sch.wide", "", lvl, "total_deff", deff(tp)[k])
  }
}

# Tests on the data alone (chisq.test, fisher.test, t.test) of apistrat.
for (f in list(c("stype", "sch.wide"), c("awards", "sch.wide"), c("stype", "awards"))) {
  tb <- table(apistrat[[f[1]]], apistrat[[f[2]]])
  call <- paste0("chisq:", f[1], "*", f[2])
  for (correct in c(TRUE, FALSE)) {
    x <- suppressWarnings(chisq.test(tb, correct = correct))
    cl <- paste0(call, if (correct) "" else ":nocorrect")
    one("data", cl, "statistic", x$statistic); one("data", cl, "df", x$parameter)
    one("data", cl, "p", x$p.value)
  }
  x <- chisq.test(tb)
  lv <- as.vector(outer(rownames(tb), colnames(tb), paste, sep = "|"))
  put("data", call, "", lv, "expected", as.vector(x$expected))
  put("data", call, "", lv, "stdres", as.vector(x$stdres))
  put("data", call, "", lv, "residual", as.vector(x$residuals))
}
tb <- table(apistrat$awards, apistrat$comp.imp)
one("data", "fisher:awards*comp.imp", "p", fisher.test(tb)$p.value)
one("data", "fisher:sch.wide*both", "p", fisher.test(table(apistrat$sch.wide, apistrat$both))$p.value)
for (pooled in c(FALSE, TRUE)) {
  x <- t.test(api00 ~ awards, data = apistrat, var.equal = pooled)
  call <- paste0("ttest:api00~awards", if (pooled) ":pooled" else "")
  one("data", call, "statistic", x$statistic); one("data", call, "df", x$parameter)
  one("data", call, "p", x$p.value); one("data", call, "est", -diff(x$estimate))
  one("data", call, "ci_low", x$conf.int[1]); one("data", call, "ci_high", x$conf.int[2])
}
# Weighted quantiles of the data (summarise with weight = pw).
q <- svyquantile(~api00, svydesign(id = ~1, weights = ~pw, data = apistrat),
                 c(0.1, 0.25, 0.5, 0.9), ci = FALSE)$api00
put("data", "wquantile:api00", "", c("0.1", "0.25", "0.5", "0.9"), "est", q)
x <- t.test(apistrat$api00, mu = 650)
one("data", "ttest:api00=650", "statistic", x$statistic); one("data", "ttest:api00=650", "df", x$parameter)
one("data", "ttest:api00=650", "p", x$p.value)
one("data", "ttest:api00=650", "ci_low", x$conf.int[1]); one("data", "ttest:api00=650", "ci_high", x$conf.int[2])

# The generated design under each lonely-PSU rule (stratum s3 has one).
for (lonely in c("remove", "certainty", "adjust", "average")) {
  options(survey.lonely.psu = lonely)
  for (fpc in c(FALSE, TRUE)) {
    d <- if (fpc) svydesign(id = ~psu, strata = ~stratum, weights = ~w,
                            fpc = ~N, nest = TRUE, data = gen)
         else svydesign(id = ~psu, strata = ~stratum, weights = ~w,
                        nest = TRUE, data = gen)
    dn <- paste0("gen_", lonely, if (fpc) "_fpc" else "")
    m <- svymean(~y, d, na.rm = TRUE, deff = TRUE)
    one(dn, "mean:y", "est", coef(m)); one(dn, "mean:y", "se", SE(m))
    one(dn, "mean:y", "deff", deff(m))
    t <- svytotal(~y, d, na.rm = TRUE)
    one(dn, "total:y", "est", coef(t)); one(dn, "total:y", "se", SE(t))
    t <- svytotal(~y, d, na.rm = TRUE, deff = TRUE)
    one(dn, "total:y", "deff", deff(t))
    r <- svyratio(~y, ~x, d, na.rm = TRUE)
    one(dn, "ratio:y/x", "est", coef(r)); one(dn, "ratio:y/x", "se", SE(r))
    r <- svyratio(~y, ~x, d, na.rm = TRUE, deff = TRUE)
    one(dn, "ratio:y/x", "deff", deff(r))
    b <- svyby(~y, ~g, d, svymean, na.rm = TRUE)
    put(dn, "by_mean:y~g", b$g, "", "est", coef(b))
    put(dn, "by_mean:y~g", b$g, "", "se", SE(b))
    x <- svychisq(~g + stratum, d)
    one(dn, "svychisq:g*stratum", "statistic", x$statistic)
    one(dn, "svychisq:g*stratum", "ndf", x$parameter[1])
    one(dn, "svychisq:g*stratum", "ddf", x$parameter[2])
    one(dn, "svychisq:g*stratum", "p", x$p.value)
    p <- svymean(~g, d)
    put(dn, "freq:g", "", c("a", "b", "c"), "pct", 100 * coef(p))
    put(dn, "freq:g", "", c("a", "b", "c"), "se", 100 * SE(p))
  }
}
# The three-stage design, counts and fractions, under two lonely rules.
for (lonely in c("remove", "adjust")) {
  options(survey.lonely.psu = lonely)
  for (frac in c(FALSE, TRUE)) {
    d <- if (frac) svydesign(id = ~psu + ssu + hh, strata = ~stratum,
                             fpc = ~f1 + f2 + f3, nest = TRUE, data = gen3)
         else svydesign(id = ~psu + ssu + hh, strata = ~stratum,
                        fpc = ~N1 + N2 + N3, nest = TRUE, data = gen3)
    dn <- paste0("gen3_", lonely, if (frac) "_frac" else "")
    m <- svymean(~y, d, deff = TRUE)
    one(dn, "mean:y", "est", coef(m)); one(dn, "mean:y", "se", SE(m))
    one(dn, "mean:y", "deff", deff(m))
    t <- svytotal(~y, d, deff = TRUE)
    one(dn, "total:y", "est", coef(t)); one(dn, "total:y", "se", SE(t))
    one(dn, "total:y", "deff", deff(t))
    r <- svyratio(~y, ~x, d, deff = TRUE)
    one(dn, "ratio:y/x", "est", coef(r)); one(dn, "ratio:y/x", "se", SE(r))
    one(dn, "ratio:y/x", "deff", deff(r))
    b <- svyby(~y, ~g, d, svymean, deff = TRUE)
    put(dn, "by_mean:y~g", b$g, "", "est", coef(b))
    put(dn, "by_mean:y~g", b$g, "", "se", SE(b))
    put(dn, "by_mean:y~g", b$g, "", "deff", deff(b))
    s <- svymean(~y, subset(d, stratum == "s2"), deff = TRUE)
    one(dn, "sub_mean:y|stratum=s2", "est", coef(s)); one(dn, "sub_mean:y|stratum=s2", "se", SE(s))
    one(dn, "sub_mean:y|stratum=s2", "deff", deff(s))
    p <- svymean(~g, d, deff = TRUE)
    put(dn, "freq:g", "", c("a", "b"), "pct", 100 * coef(p))
    put(dn, "freq:g", "", c("a", "b"), "se", 100 * SE(p))
    put(dn, "freq:g", "", c("a", "b"), "deff", deff(p))
    x <- svychisq(~g + stratum, d)
    one(dn, "svychisq:g*stratum", "statistic", x$statistic)
    one(dn, "svychisq:g*stratum", "ndf", x$parameter[1])
    one(dn, "svychisq:g*stratum", "ddf", x$parameter[2])
    one(dn, "svychisq:g*stratum", "p", x$p.value)
    q <- svyquantile(~y, d, c(0.25, 0.5, 0.75))$y
    put(dn, "quantile:y", "", c("0.25", "0.5", "0.75"), "est", q[, "quantile"])
    put(dn, "quantile:y", "", c("0.25", "0.5", "0.75"), "se", q[, "se"])
  }
}
close(out)
