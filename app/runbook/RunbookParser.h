#pragma once

#include "core/Result.h"
#include "runbook/MarkdownReader.h"
#include "runbook/Runbook.h"

namespace Sitrep::Runbook {

// Imports a Markdown runbook: headings become the section tree with phases, code blocks and lists
// become steps, tables and labelled lists become severities, escalation rules and alert links.
// Any byte sequence is accepted; bad Markdown gives a runbook with less in it, never a crash.
class RunbookParser final
{
public:
    static Core::Result<Runbook> parse(const QByteArray &markdown, const QString &sourcePath = {});
    static Core::Result<Runbook> parseFile(const QString &path);

private:
    explicit RunbookParser(const QByteArray &markdown);
    void run(const QList<MarkdownBlock> &blocks);
    void onHeading(const MarkdownBlock &b);
    void onParagraph(const MarkdownBlock &b);
    void onListItem(int index, const MarkdownBlock &b);
    void onCode(const MarkdownBlock &b);
    void onTable(const MarkdownBlock &b);
    void finish();

    Section &section();
    Phase stepPhase();
    void addStep(Step step);
    void addShellSteps(const MarkdownBlock &b, const QString &label);
    QString itemLabel(int index) const;
    void addAlert(const QString &name, bool related);

    const QByteArray &m_source;
    const QList<MarkdownBlock> *m_blocks = nullptr;
    Runbook m_runbook;
    QList<Core::SeverityLevel> m_severityTable;
    QList<Core::SeverityLevel> m_severityList;
    QMap<QString, QString> m_communication; // severity -> "5 minutes"
    QList<QPair<QString, QString>> m_quickRefs;
    Phase m_labelPhase = Phase::Unknown; // from a "**Resolution:**" label inside the section
    QString m_lastParagraph;
    bool m_seenSection = false;
};

} // namespace Sitrep::Runbook
