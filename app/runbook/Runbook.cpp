#include "runbook/Runbook.h"

#include <QJsonArray>

namespace Sitrep::Runbook {

QString riskName(Risk r)
{
    switch (r) {
    case Risk::Read:
        return QStringLiteral("read");
    case Risk::Change:
        return QStringLiteral("change");
    case Risk::Destructive:
        return QStringLiteral("destructive");
    }
    return {};
}

QString terminalUseName(TerminalUse t)
{
    switch (t) {
    case TerminalUse::None:
        return {};
    case TerminalUse::Pty:
        return QStringLiteral("pty");
    case TerminalUse::FullScreen:
        return QStringLiteral("full-screen");
    }
    return {};
}

QString phaseName(Phase p)
{
    switch (p) {
    case Phase::Unknown:
        return {};
    case Phase::Detection:
        return QStringLiteral("detection");
    case Phase::Triage:
        return QStringLiteral("triage");
    case Phase::Investigation:
        return QStringLiteral("investigation");
    case Phase::Resolution:
        return QStringLiteral("resolution");
    case Phase::Rollback:
        return QStringLiteral("rollback");
    case Phase::Verification:
        return QStringLiteral("verification");
    case Phase::Communication:
        return QStringLiteral("communication");
    case Phase::Escalation:
        return QStringLiteral("escalation");
    case Phase::PostIncident:
        return QStringLiteral("post-incident");
    case Phase::Prevention:
        return QStringLiteral("prevention");
    }
    return {};
}

QString stepKindName(StepKind k)
{
    switch (k) {
    case StepKind::Command:
        return QStringLiteral("command");
    case StepKind::Sql:
        return QStringLiteral("sql");
    case StepKind::Query:
        return QStringLiteral("query");
    case StepKind::Checklist:
        return QStringLiteral("checklist");
    case StepKind::Manual:
        return QStringLiteral("manual");
    case StepKind::Template:
        return QStringLiteral("template");
    }
    return {};
}

QString placeholderTypeName(Placeholder::Type t)
{
    switch (t) {
    case Placeholder::Type::Context:
        return QStringLiteral("context");
    case Placeholder::Type::Value:
        return QStringLiteral("value");
    case Placeholder::Type::Secret:
        return QStringLiteral("secret");
    }
    return {};
}

QJsonObject Placeholder::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("token"), token},
                  {QStringLiteral("type"), placeholderTypeName(type)}};
    if (!contextKey.isEmpty())
        o.insert(QStringLiteral("contextKey"), contextKey);
    return o;
}

QJsonObject Step::toJson() const
{
    QJsonArray ph;
    for (const auto &p : placeholders)
        ph.append(p.toJson());
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("kind"), stepKindName(kind)},
                  {QStringLiteral("text"), text},
                  {QStringLiteral("comment"), comment},
                  {QStringLiteral("command"), command},
                  {QStringLiteral("language"), language},
                  {QStringLiteral("placeholders"), ph},
                  {QStringLiteral("interactive"), interactive},
                  {QStringLiteral("expected"), expected},
                  {QStringLiteral("phase"), phaseName(phase)},
                  {QStringLiteral("line"), line}};
    // Only things that run have a risk; a checklist tick or a template cannot hurt the cluster.
    o.insert(QStringLiteral("risk"), isRunnable() || kind == StepKind::Query ? riskName(risk) : QString());
    if (!riskRule.isEmpty())
        o.insert(QStringLiteral("riskRule"), riskRule);
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    if (terminal != TerminalUse::None)
        o.insert(QStringLiteral("terminal"), terminalUseName(terminal));
    if (kind == StepKind::Checklist)
        o.insert(QStringLiteral("checked"), checked);
    return o;
}

QJsonObject Section::toJson() const
{
    QJsonArray st;
    for (const auto &s : steps)
        st.append(s.toJson());
    QJsonObject o{{QStringLiteral("title"), title},
                  {QStringLiteral("anchor"), anchor},
                  {QStringLiteral("level"), level},
                  {QStringLiteral("parent"), parent},
                  {QStringLiteral("phase"), phaseName(phase)},
                  {QStringLiteral("line"), line},
                  {QStringLiteral("steps"), st}};
    if (timeBudgetSeconds > 0)
        o.insert(QStringLiteral("timeBudgetSeconds"), timeBudgetSeconds);
    return o;
}

QStringList MessageTemplate::fieldNames() const
{
    QStringList out;
    for (const auto &f : fields)
        out << f.name;
    return out;
}

QJsonObject MessageTemplate::toJson() const
{
    QJsonArray fs;
    for (const auto &f : fields)
        fs.append(QJsonObject{{QStringLiteral("name"), f.name}, {QStringLiteral("hint"), f.hint}});
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("fields"), fs},
                       {QStringLiteral("text"), text},
                       {QStringLiteral("section"), section}};
}

QJsonObject EscalationRule::toJson() const
{
    QJsonObject o{{QStringLiteral("level"), level},
                  {QStringLiteral("contact"), contact},
                  {QStringLiteral("condition"), condition}};
    if (!severity.isEmpty())
        o.insert(QStringLiteral("severity"), severity);
    if (afterMinutes >= 0)
        o.insert(QStringLiteral("afterMinutes"), afterMinutes);
    if (untilMinutes >= 0)
        o.insert(QStringLiteral("untilMinutes"), untilMinutes);
    return o;
}

QJsonObject AlertLink::toJson() const
{
    return QJsonObject{{QStringLiteral("alert"), alert}, {QStringLiteral("section"), section}};
}

QList<const Step *> Runbook::allSteps() const
{
    QList<const Step *> out;
    for (const auto &s : sections) {
        for (const auto &st : s.steps)
            out.append(&st);
    }
    return out;
}

const Step *Runbook::findStep(const QString &id) const
{
    for (const auto &s : sections) {
        for (const auto &st : s.steps) {
            if (st.id == id)
                return &st;
        }
    }
    return nullptr;
}

int Runbook::sectionOf(const QString &stepId) const
{
    for (int i = 0; i < sections.size(); ++i) {
        for (const auto &st : sections.at(i).steps) {
            if (st.id == stepId)
                return i;
        }
    }
    return -1;
}

QJsonObject Runbook::toJson() const
{
    QJsonObject meta;
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it)
        meta.insert(it.key(), it.value());
    QJsonArray esc;
    for (const auto &e : escalation)
        esc.append(e.toJson());
    QJsonArray tpl;
    for (const auto &t : templates)
        tpl.append(t.toJson());
    QJsonArray links;
    for (const auto &l : alertLinks)
        links.append(l.toJson());
    QJsonArray secs;
    for (const auto &s : sections)
        secs.append(s.toJson());
    return QJsonObject{{QStringLiteral("title"), title},
                       {QStringLiteral("metadata"), meta},
                       {QStringLiteral("alerts"), QJsonArray::fromStringList(alerts)},
                       {QStringLiteral("relatedAlerts"), QJsonArray::fromStringList(relatedAlerts)},
                       {QStringLiteral("alertLinks"), links},
                       {QStringLiteral("severities"), severities.toJson()},
                       {QStringLiteral("escalation"), esc},
                       {QStringLiteral("templates"), tpl},
                       {QStringLiteral("sections"), secs}};
}

} // namespace Sitrep::Runbook
