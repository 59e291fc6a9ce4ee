#include "runbook/RunbookCommand.h"

#include "core/FileArguments.h"
#include "runbook/RunbookLinter.h"
#include "runbook/RunbookParser.h"

#include <QJsonDocument>
#include <QSet>

namespace Sitrep::Runbook {

int RunbookCommand::usage()
{
    m_err << "usage: sitrep runbook inspect FILE [--json]\n"
             "       sitrep runbook lint FILE [--set NAME=VALUE ...]\n";
    return 2;
}

int RunbookCommand::run(const QStringList &args)
{
    if (args.isEmpty())
        return usage();
    const QString verb = args.first();
    if (verb == QLatin1String("inspect"))
        return inspect(args.mid(1));
    if (verb == QLatin1String("lint"))
        return lint(args.mid(1));
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h")) {
        usage();
        return 0;
    }
    m_err << "sitrep runbook: unknown command \"" << verb << "\"\n";
    return usage();
}

int RunbookCommand::inspect(const QStringList &args)
{
    const auto parsed = Core::FileArguments::parse(args);
    if (!parsed)
        return usage();
    const QString &file = parsed->file;
    const bool json = parsed->json;
    const auto rb = RunbookParser::parseFile(file);
    if (!rb.ok()) {
        m_err << "sitrep runbook: " << rb.error().text() << "\n";
        return 2;
    }
    const Runbook &r = rb.value();
    if (json) {
        m_out << QString::fromUtf8(QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented));
        return 0;
    }
    m_out << r.title << "\n";
    if (!r.alerts.isEmpty())
        m_out << "alerts: " << r.alerts.join(QStringLiteral(", ")) << "\n";
    for (const auto &l : r.severities.levels())
        m_out << "severity " << l.name << ": " << l.description
              << (l.response.isEmpty() ? QString() : QStringLiteral(" (") + l.response + QLatin1Char(')'))
              << "\n";
    for (const auto &e : r.escalation)
        m_out << "escalate " << (e.level.isEmpty() ? e.condition : e.level + QStringLiteral(": ") + e.contact)
              << "\n";
    for (const auto &t : r.templates)
        m_out << "template " << t.name << ": " << t.fieldNames().join(QStringLiteral(", ")) << "\n";
    for (const auto &s : r.sections) {
        m_out << QString(qMax(0, s.level - 1) * 2, QLatin1Char(' ')) << "# " << s.title;
        if (s.phase != Phase::Unknown)
            m_out << "  [" << phaseName(s.phase) << "]";
        m_out << "\n";
        for (const auto &st : s.steps) {
            m_out << QString(qMax(0, s.level - 1) * 2 + 2, QLatin1Char(' ')) << "- " << stepKindName(st.kind);
            if (st.isRunnable())
                m_out << " " << riskName(st.risk) << (st.interactive ? " interactive" : "");
            m_out << ": " << (st.command.isEmpty() ? st.text : st.command.section(QLatin1Char('\n'), 0, 0));
            // The rule of RiskRules.cpp that decided, so that a reviewer can look it up.
            if (!st.riskRule.isEmpty())
                m_out << "  [rule: " << st.riskRule << "]";
            m_out << "\n";
        }
    }
    return 0;
}

int RunbookCommand::lint(const QStringList &args)
{
    QString file;
    QSet<QString> known;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args.at(i);
        if (a == QLatin1String("--set") && i + 1 < args.size())
            known.insert(args.at(++i).section(QLatin1Char('='), 0, 0));
        else if (a.startsWith(QLatin1Char('-')))
            return usage();
        else if (file.isEmpty())
            file = a;
        else
            return usage();
    }
    if (file.isEmpty())
        return usage();
    const auto rb = RunbookParser::parseFile(file);
    if (!rb.ok()) {
        m_err << "sitrep runbook: " << rb.error().text() << "\n";
        return 2;
    }
    const auto findings = RunbookLinter::lint(rb.value(), known);
    for (const auto &f : findings)
        m_out << file << ":" << f.line << ": " << RunbookLinter::kindName(f.kind) << ": " << f.message
              << "\n";
    if (findings.isEmpty())
        m_out << file << ": no findings\n";
    return findings.isEmpty() ? 0 : 1;
}

} // namespace Sitrep::Runbook
