#include "prom/BurnRate.h"

#include "prom/StepCalculator.h"

#include <QRegularExpression>

#include <cmath>

namespace Sitrep::Prom {

namespace {

QString number(double v)
{
    // Shortest text that round-trips, so expressions read like the runbook wrote them (0.001, 14.4).
    return QString::number(v, 'g', 12);
}

} // namespace

BurnRate::BurnRate(QString errorRatioTemplate, double objective, qint64 periodMs)
    : m_template(std::move(errorRatioTemplate))
    , m_objective(objective)
    , m_periodMs(periodMs)
{}

QList<BurnWindowPair> BurnRate::workbookPairs()
{
    return {
        {3600000, 300000, 14.4, QStringLiteral("page")},
        {21600000, 1800000, 6, QStringLiteral("page")},
        {259200000, 21600000, 1, QStringLiteral("ticket")},
    };
}

QString BurnRate::errorRatioExpr(qint64 windowMs) const
{
    QString e = m_template;
    e.replace(QStringLiteral("$window"), StepCalculator::formatDuration(windowMs));
    return e;
}

QString BurnRate::burnRateExpr(qint64 windowMs) const
{
    return QStringLiteral("(%1) / %2").arg(errorRatioExpr(windowMs), number(budget()));
}

QString BurnRate::alertExpr(const BurnWindowPair &p) const
{
    const QString limit = QStringLiteral("(%1 * %2)").arg(number(p.factor), number(budget()));
    return QStringLiteral("(%1) > %2\nand\n(%3) > %2")
        .arg(errorRatioExpr(p.longMs), limit, errorRatioExpr(p.shortMs));
}

double BurnRate::burnRate(double errorRatio) const
{
    if (budget() <= 0 || !std::isfinite(errorRatio))
        return std::nan("");
    return errorRatio / budget();
}

std::optional<qint64> BurnRate::timeToExhaustionMs(double rate, double budgetRemaining) const
{
    if (!std::isfinite(rate) || rate <= 0)
        return std::nullopt;
    if (budgetRemaining <= 0)
        return 0;
    return qint64(std::llround(double(m_periodMs) * budgetRemaining / rate));
}

QString BurnRate::durationInWords(qint64 ms)
{
    auto plural = [](qint64 n, const char *unit) {
        return QStringLiteral("%1 %2%3")
            .arg(n)
            .arg(QLatin1String(unit))
            .arg(n == 1 ? QString() : QStringLiteral("s"));
    };
    const double hours = double(ms) / 3600000.0;
    if (hours >= 36)
        return plural(std::llround(hours / 24.0), "day");
    if (hours >= 1.5)
        return plural(std::llround(hours), "hour");
    const qint64 minutes = std::llround(double(ms) / 60000.0);
    if (minutes >= 1)
        return plural(minutes, "minute");
    return plural(std::max<qint64>(0, std::llround(double(ms) / 1000.0)), "second");
}

QString BurnRate::exhaustionInWords(double rate, double budgetRemaining) const
{
    if (!std::isfinite(rate))
        return QStringLiteral("burn rate unknown (no traffic in the window)");
    if (rate <= 0)
        return QStringLiteral("error budget is not being spent");
    if (budgetRemaining <= 0)
        return QStringLiteral("error budget already spent");
    const auto left = timeToExhaustionMs(rate, budgetRemaining);
    QString s = QStringLiteral("error budget gone in %1 at this rate").arg(durationInWords(*left));
    if (*left > m_periodMs)
        s += QStringLiteral(" (longer than the SLO window of %1)").arg(durationInWords(m_periodMs));
    return s;
}

QList<BurnWindowPair> BurnRate::thresholdsFromText(const QString &text)
{
    static const QRegularExpression line(
        QStringLiteral("\\b(critical|warning|page|ticket|high|medium|low)\\b[^\\n]{0,40}?\\bburn[- "
                       "]?rate[^\\n0-9]{0,30}?"
                       "(?:>|>=|above|over|exceeds)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*x"),
        QRegularExpression::CaseInsensitiveOption);
    QList<BurnWindowPair> out;
    auto it = line.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        BurnWindowPair p;
        p.factor = m.captured(2).toDouble();
        p.severity = m.captured(1).toLower();
        if (p.factor > 0)
            out << p;
    }
    return out;
}

} // namespace Sitrep::Prom
