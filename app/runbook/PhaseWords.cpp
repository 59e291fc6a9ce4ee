#include "runbook/PhaseWords.h"

#include <QRegularExpression>

namespace Sitrep::Runbook {

namespace {

struct PhaseWord
{
    Phase phase;
    QRegularExpression pattern;
};

const QList<PhaseWord> &phaseWords()
{
    auto re = [](const char *p) {
        return QRegularExpression(QStringLiteral("\\b(") + QString::fromLatin1(p) + QStringLiteral(")\\b"),
                                  QRegularExpression::CaseInsensitiveOption);
    };
    static const QList<PhaseWord> words = {
        {Phase::PostIncident,
         re("post[- ]?incident|post[- ]?mortem|postmortem|retrospective|after the incident|"
            "lessons learned|follow[- ]?ups?")},
        {Phase::Detection, re("detection|detect|symptoms?|impact|alerts?|monitoring|signals?")},
        {Phase::Triage, re("triage|assess|assessment|initial response|first response|confirm|quick checks?")},
        {Phase::Investigation, re("investigation|investigate|investigating|diagnosis|diagnose|diagnostics?|"
                                  "root cause|troubleshoot(ing)?|debug(ging)?|identify|review logs")},
        {Phase::Resolution, re("resolution|resolutions|resolve|mitigation|mitigate|fix|fixes|quick fix|"
                               "remediation|remediate|workaround|recovery|recover|emergency")},
        {Phase::Rollback, re("rollback|roll back|revert|rolling back")},
        {Phase::Verification, re("verification|verify|validate|validation|confirm recovery|smoke test")},
        {Phase::Communication, re("communication|communicate|communications|stakeholders?|status update|"
                                  "notify|announce")},
        {Phase::Escalation, re("escalation|escalate|escalating|contacts|on-call")},
        {Phase::Prevention, re("prevention|prevent|proactive|pre-deployment|hardening")},
    };
    return words;
}

} // namespace

Phase PhaseWords::phaseOf(const QString &text)
{
    Phase best = Phase::Unknown;
    qsizetype bestPos = -1;
    for (const auto &w : phaseWords()) {
        const auto m = w.pattern.match(text);
        if (m.hasMatch() && (bestPos < 0 || m.capturedStart() < bestPos)) {
            best = w.phase;
            bestPos = m.capturedStart();
        }
    }
    return best;
}

int PhaseWords::timeBudgetSeconds(const QString &heading)
{
    static const QRegularExpression re(
        QStringLiteral("\\([^()]*?(\\d+)\\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\\s*\\)"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(heading);
    if (!m.hasMatch())
        return 0;
    const int n = m.captured(1).toInt();
    const QChar unit = m.captured(2).at(0).toLower();
    if (unit == QLatin1Char('h'))
        return n * 3600;
    if (unit == QLatin1Char('m'))
        return n * 60;
    return n;
}

QString PhaseWords::anchor(const QString &heading)
{
    QString out;
    for (const QChar c : heading.toLower()) {
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'))
            out += c;
        else if (c == QLatin1Char(' '))
            out += QLatin1Char('-');
    }
    return out;
}

} // namespace Sitrep::Runbook
