#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Sitrep::Prom {

// One multiwindow burn-rate condition: both windows must burn faster than `factor` times the budget rate.
struct BurnWindowPair
{
    qint64 longMs = 0;
    qint64 shortMs = 0;
    double factor = 1;
    QString severity; // page, ticket, critical, warning ...
};

// An SLO's error-budget arithmetic (Google SRE workbook, chapter 5): PromQL for the error ratio and the burn
// rate over any window, multiwindow alert conditions, and the time left stated in words.
class BurnRate final
{
public:
    // errorRatioTemplate is PromQL with "$window" where the range goes, e.g.
    // sum(rate(http_requests_total{code=~"5.."}[$window])) / sum(rate(http_requests_total[$window]))
    BurnRate(QString errorRatioTemplate, double objective, qint64 periodMs = 30LL * 86400000);

    // 1h&5m vs 14.4x and 6h&30m vs 6x (page), 3d&6h vs 1x (ticket).
    static QList<BurnWindowPair> workbookPairs();

    double objective() const { return m_objective; }
    double budget() const { return 1.0 - m_objective; }
    qint64 periodMs() const { return m_periodMs; }

    QString errorRatioExpr(qint64 windowMs) const;
    // (error ratio over the window) / (1 - objective)
    QString burnRateExpr(qint64 windowMs) const;
    // (ratio[long] > factor * budget) and (ratio[short] > factor * budget)
    QString alertExpr(const BurnWindowPair &pair) const;

    double burnRate(double errorRatio) const;
    // How long the remaining budget lasts at this burn rate; nullopt when nothing burns.
    std::optional<qint64> timeToExhaustionMs(double burnRate, double budgetRemaining = 1.0) const;
    // "error budget gone in 2 days at this rate", "error budget is not being spent", ...
    QString exhaustionInWords(double burnRate, double budgetRemaining = 1.0) const;
    // "2 days", "5 hours", "40 minutes".
    static QString durationInWords(qint64 ms);
    // What a runbook states about burn rates: "**Critical**: Burn rate > 14.4x", "Warning: burn rate above
    // 3x", "page when the burn rate exceeds 6x". Factor and severity per line, in the text's order.
    static QList<BurnWindowPair> thresholdsFromText(const QString &text);

private:
    QString m_template;
    double m_objective;
    qint64 m_periodMs;
};

} // namespace Sitrep::Prom
