#include "runbook/RunbookParser.h"

#include "runbook/PhaseWords.h"
#include "runbook/PlaceholderScanner.h"
#include "runbook/RiskClassifier.h"
#include "runbook/RunbookStructure.h"
#include "runbook/ShellText.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace Sitrep::Runbook {

namespace {

constexpr qint64 kMaxRunbookBytes = 8 * 1024 * 1024;

bool isShellLanguage(const QString &lang)
{
    static const QSet<QString> langs = {QStringLiteral("bash"),          QStringLiteral("sh"),
                                        QStringLiteral("shell"),         QStringLiteral("zsh"),
                                        QStringLiteral("console"),       QStringLiteral("ksh"),
                                        QStringLiteral("shell-session"), QStringLiteral("terminal")};
    return langs.contains(lang);
}

bool isSqlLanguage(const QString &lang)
{
    static const QSet<QString> langs = {QStringLiteral("sql"),     QStringLiteral("postgresql"),
                                        QStringLiteral("psql"),    QStringLiteral("pgsql"),
                                        QStringLiteral("plpgsql"), QStringLiteral("mysql")};
    return langs.contains(lang);
}

bool isPromLanguage(const QString &lang)
{
    return lang == QLatin1String("promql") || lang == QLatin1String("prometheus") ||
           lang == QLatin1String("metricsql");
}

bool isPlainLanguage(const QString &lang)
{
    return lang.isEmpty() || lang == QLatin1String("text") || lang == QLatin1String("txt") ||
           lang == QLatin1String("plain") || lang == QLatin1String("plaintext") ||
           lang == QLatin1String("none");
}

QString firstLine(const QString &text)
{
    return text.section(QLatin1Char('\n'), 0, 0).trimmed();
}

} // namespace

RunbookParser::RunbookParser(const QByteArray &markdown)
    : m_source(markdown)
{}

Core::Result<Runbook> RunbookParser::parseFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Core::makeError(QStringLiteral("cannot read the runbook (%1)").arg(f.errorString()), path);
    if (f.size() > kMaxRunbookBytes)
        return Core::makeError(QStringLiteral("the runbook is larger than 8 MiB; is this really Markdown?"),
                               path);
    auto r = parse(f.readAll(), path);
    if (!r.ok())
        return Core::makeError(r.error().message, path);
    return r;
}

Core::Result<Runbook> RunbookParser::parse(const QByteArray &markdown, const QString &sourcePath)
{
    if (markdown.size() > kMaxRunbookBytes)
        return Core::makeError(QStringLiteral("the runbook is larger than 8 MiB"), sourcePath);
    auto blocks = MarkdownReader::read(markdown);
    if (!blocks.ok())
        return blocks.error();
    RunbookParser p(markdown);
    p.m_runbook.sourcePath = sourcePath;
    p.run(blocks.value());
    return std::move(p.m_runbook);
}

void RunbookParser::run(const QList<MarkdownBlock> &blocks)
{
    m_blocks = &blocks;
    for (int i = 0; i < blocks.size(); ++i) {
        const MarkdownBlock &b = blocks.at(i);
        switch (b.type) {
        case MarkdownBlock::Type::Heading:
            onHeading(b);
            break;
        case MarkdownBlock::Type::Paragraph:
            onParagraph(b);
            break;
        case MarkdownBlock::Type::ListItem:
            onListItem(i, b);
            break;
        case MarkdownBlock::Type::Code:
            onCode(b);
            break;
        case MarkdownBlock::Type::Table:
            onTable(b);
            break;
        }
    }
    finish();
    m_blocks = nullptr;
}

Section &RunbookParser::section()
{
    if (m_runbook.sections.isEmpty()) {
        Section s; // text before the first heading
        s.line = 1;
        m_runbook.sections.append(s);
    }
    return m_runbook.sections.last();
}

Phase RunbookParser::stepPhase()
{
    return m_labelPhase != Phase::Unknown ? m_labelPhase : section().phase;
}

void RunbookParser::addAlert(const QString &name, bool related)
{
    QStringList &list = related ? m_runbook.relatedAlerts : m_runbook.alerts;
    if (!name.isEmpty() && !list.contains(name) && !(related && m_runbook.alerts.contains(name)))
        list.append(name);
    if (!related && !m_runbook.sections.isEmpty()) {
        const AlertLink link{name, m_runbook.sections.last().anchor};
        for (const auto &l : std::as_const(m_runbook.alertLinks)) {
            if (l.alert == link.alert)
                return; // the first mention is where the runbook starts for that alert
        }
        m_runbook.alertLinks.append(link);
    }
}

void RunbookParser::onHeading(const MarkdownBlock &b)
{
    Section s;
    s.title = RunbookStructure::stripMarkup(b.text);
    s.level = b.level;
    s.line = b.line;
    if (b.level == 1 && m_runbook.title.isEmpty())
        m_runbook.title = s.title;
    for (int i = int(m_runbook.sections.size()) - 1; i >= 0; --i) {
        if (m_runbook.sections.at(i).level < s.level) {
            s.parent = i;
            break;
        }
    }
    s.phase = PhaseWords::phaseOf(s.title);
    if (s.phase == Phase::Unknown && s.parent >= 0)
        s.phase = m_runbook.sections.at(s.parent).phase;
    s.timeBudgetSeconds = PhaseWords::timeBudgetSeconds(s.title);
    const QString base = PhaseWords::anchor(s.title);
    s.anchor = base;
    QSet<QString> used;
    for (const auto &o : std::as_const(m_runbook.sections))
        used.insert(o.anchor);
    for (int n = 1; used.contains(s.anchor); ++n)
        s.anchor = base + QLatin1Char('-') + QString::number(n);
    m_runbook.sections.append(s);
    if (b.level >= 2)
        m_seenSection = true;
    m_labelPhase = Phase::Unknown;
    m_lastParagraph.clear();
    for (const QString &a : RunbookStructure::alertsInText(b.text))
        addAlert(a, false);
}

void RunbookParser::onParagraph(const MarkdownBlock &b)
{
    const QString text = b.text.trimmed();
    if (!m_runbook.sections.isEmpty()) {
        for (const QString &a : RunbookStructure::alertsInText(text))
            addAlert(a, false);
    }
    // "**Severity:** P1" lines under the title describe the runbook.
    if (!m_seenSection && !b.strongSpans.isEmpty()) {
        static const QRegularExpression kv(QStringLiteral("^([^:]{1,40}):\\s*(.+)$"));
        QSet<QString> keys;
        for (QString s : b.strongSpans) {
            if (s.endsWith(QLatin1Char(':')))
                s.chop(1);
            keys.insert(s.trimmed());
        }
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            const auto m = kv.match(line.trimmed());
            if (m.hasMatch() && keys.contains(m.captured(1).trimmed()))
                m_runbook.metadata.insert(m.captured(1).trimmed(),
                                          RunbookStructure::stripMarkup(m.captured(2)));
        }
    }
    // A paragraph that is only a bold label ("**Resolution:**") sets the phase of the steps after it.
    if (b.strongSpans.size() == 1 && text == b.strongSpans.first()) {
        const Phase p = PhaseWords::phaseOf(text);
        if (p != Phase::Unknown)
            m_labelPhase = p;
    }
    m_lastParagraph = text.simplified();
}

QString RunbookParser::itemLabel(int index) const
{
    for (int i = index; i >= 0 && i < m_blocks->size(); i = m_blocks->at(i).parentItem) {
        const MarkdownBlock &b = m_blocks->at(i);
        if (b.ordered) {
            QString l = RunbookStructure::stripMarkup(firstLine(b.text));
            if (l.endsWith(QLatin1Char(':')))
                l.chop(1);
            return l.trimmed();
        }
    }
    return {};
}

void RunbookParser::onListItem(int index, const MarkdownBlock &b)
{
    const QString text = b.text.simplified();
    const QString title = m_runbook.sections.isEmpty() ? QString() : section().title;
    const bool related = title.contains(QLatin1String("related"), Qt::CaseInsensitive);
    if (!m_runbook.sections.isEmpty()) {
        for (const QString &a : RunbookStructure::alertsInText(text))
            addAlert(a, related);
    }
    // "- `HighErrorRate`: >5% error rate" after "Check Prometheus alerts:" or under "Related Alerts".
    static const QRegularExpression named(QStringLiteral("^`([A-Za-z][A-Za-z0-9_:]*)`"));
    static const QRegularExpression alertWord(QStringLiteral("\\balerts?\\b"),
                                              QRegularExpression::CaseInsensitiveOption);
    if (const auto m = named.match(text);
        m.hasMatch() && (alertWord.match(m_lastParagraph).hasMatch() || alertWord.match(title).hasMatch())) {
        addAlert(m.captured(1), related);
        return;
    }
    if (b.task) {
        Step s;
        s.kind = StepKind::Checklist;
        s.text = RunbookStructure::stripMarkup(text);
        s.checked = b.checked;
        s.line = b.line;
        addStep(s);
        return;
    }
    const Phase phase = stepPhase();
    if (phase == Phase::Escalation) {
        if (title.contains(QLatin1String("contact"), Qt::CaseInsensitive))
            return;
        static const QRegularExpression when(
            QStringLiteral("when to escalate|escalate (when|if)|escalation (triggers|criteria)"),
            QRegularExpression::CaseInsensitiveOption);
        m_runbook.escalation.append(
            RunbookStructure::escalationItem(b, when.match(m_lastParagraph).hasMatch()));
        return;
    }
    if (title.contains(QLatin1String("severit"), Qt::CaseInsensitive)) {
        if (const auto level = RunbookStructure::severityItem(b)) {
            m_severityList.append(*level);
            return;
        }
    }
    static const QRegularExpression deadline(
        QStringLiteral("^(P[0-9]|SEV-?[0-9]|Critical|High|Medium|Low)\\s*:\\s*(.+)$"));
    if (m_lastParagraph.contains(QLatin1String("communicat"), Qt::CaseInsensitive)) {
        if (const auto m = deadline.match(text); m.hasMatch()) {
            m_communication.insert(m.captured(1).toLower(), m.captured(2).trimmed());
            return;
        }
    }
    if (!b.ordered)
        return; // bullets describe; numbered items are things to do
    // A numbered item holding code labels that code instead of being a step of its own.
    for (int j = index + 1; j < m_blocks->size(); ++j) {
        int p = m_blocks->at(j).parentItem;
        while (p >= 0 && p != index)
            p = m_blocks->at(p).parentItem;
        if (p != index)
            break;
        if (m_blocks->at(j).type == MarkdownBlock::Type::Code)
            return;
    }
    Step s;
    s.kind = StepKind::Manual;
    s.text = RunbookStructure::stripMarkup(text);
    s.line = b.line;
    // Bullets under the item are part of what to do ("Document the incident with: - Root cause ...").
    for (int j = index + 1; j < m_blocks->size() && m_blocks->at(j).parentItem >= index; ++j) {
        const MarkdownBlock &c = m_blocks->at(j);
        if (c.parentItem == index && c.type == MarkdownBlock::Type::ListItem && !c.ordered)
            s.text += QStringLiteral("\n- ") + RunbookStructure::stripMarkup(c.text);
    }
    addStep(s);
}

void RunbookParser::addStep(Step step)
{
    Section &s = section();
    step.phase = stepPhase();
    const QString base = s.anchor.isEmpty() ? QStringLiteral("step") : s.anchor;
    step.id = base + QLatin1Char('-') + QString::number(s.steps.size() + 1);
    s.steps.append(step);
}

void RunbookParser::addShellSteps(const MarkdownBlock &b, const QString &label)
{
    const QSet<QString> assigned = PlaceholderScanner::assignedVariables(b.text);
    for (const ShellPiece &piece : ShellText::splitBlock(b.text)) {
        Step s;
        s.language = b.language.isEmpty() ? QStringLiteral("bash") : b.language;
        s.line = b.line > 0 ? b.line + piece.lineIndex : 0;
        s.comment = piece.comment.isEmpty() ? label : piece.comment;
        switch (piece.kind) {
        case ShellPiece::Kind::Command: {
            s.kind = StepKind::Command;
            s.command = piece.text;
            s.text = s.comment.isEmpty() ? firstLine(piece.text) : s.comment;
            s.expected = piece.expected;
            s.note = piece.note;
            s.placeholders = PlaceholderScanner::scan(piece.text, assigned);
            const auto c = RiskClassifier::classify(piece.text);
            s.risk = c.risk;
            s.riskRule = c.rule;
            s.interactive = c.interactive;
            s.terminal = c.terminal;
            break;
        }
        case ShellPiece::Kind::Comment:
            s.kind = StepKind::Manual;
            s.text = piece.text;
            break;
        case ShellPiece::Kind::Query:
            s.kind = StepKind::Query;
            s.language = QStringLiteral("promql");
            s.command = piece.text;
            s.text = s.comment.isEmpty() ? piece.text : s.comment;
            break;
        }
        addStep(s);
    }
}

void RunbookParser::onCode(const MarkdownBlock &b)
{
    const QString label = b.parentItem >= 0 ? itemLabel(b.parentItem) : QString();
    const QString lang = b.language;
    if (isShellLanguage(lang)) {
        addShellSteps(b, label);
        return;
    }
    Step s;
    s.language = lang;
    s.line = b.line;
    s.comment = label;
    if (isSqlLanguage(lang)) {
        s.kind = StepKind::Sql;
        // Leading "-- ..." lines label the statement, as "# ..." lines label a shell command.
        QStringList lines = b.text.trimmed().split(QLatin1Char('\n'));
        QStringList heading;
        while (lines.size() > 1 && lines.first().trimmed().startsWith(QLatin1String("--")))
            heading << lines.takeFirst().trimmed().mid(2).trimmed();
        s.command = lines.join(QLatin1Char('\n')).trimmed();
        if (s.comment.isEmpty() && !heading.isEmpty())
            s.comment = heading.join(QLatin1Char(' '));
        s.text = s.comment.isEmpty() ? firstLine(s.command) : s.comment;
        s.placeholders = PlaceholderScanner::scan(s.command);
        const auto c = RiskClassifier::classifySql(s.command);
        s.risk = c.risk;
        s.riskRule = c.rule;
        addStep(s);
        return;
    }
    const bool plain = isPlainLanguage(lang);
    if (isPromLanguage(lang) || (plain && RunbookStructure::looksLikePromQL(b.text))) {
        s.kind = StepKind::Query;
        s.language = QStringLiteral("promql");
        // Leading "# ..." lines label the query (PromQL would ignore them as comments).
        QStringList lines = b.text.trimmed().split(QLatin1Char('\n'));
        QStringList heading;
        while (lines.size() > 1 && lines.first().trimmed().startsWith(QLatin1Char('#')))
            heading << lines.takeFirst().trimmed().mid(1).trimmed();
        s.command = lines.join(QLatin1Char('\n')).trimmed();
        if (s.comment.isEmpty() && !heading.isEmpty())
            s.comment = heading.join(QLatin1Char(' '));
        s.text = s.comment.isEmpty() ? s.command : s.comment;
        addStep(s);
        return;
    }
    if (!plain && lang != QLatin1String("markdown") && lang != QLatin1String("md"))
        return; // yaml, json, python ... are shown, not run
    if (auto t = RunbookStructure::messageTemplate(b.text)) {
        if (t->name.isEmpty())
            t->name = section().title;
        t->section = section().anchor;
        m_runbook.templates.append(*t);
        s.kind = StepKind::Template;
        s.text = t->name;
        s.command = t->text;
        addStep(s);
        return;
    }
    if (plain && RunbookStructure::looksLikeShell(b.text))
        addShellSteps(b, label);
    // Anything else in a plain block is an example (log lines, error messages): text, not a step.
}

void RunbookParser::onTable(const MarkdownBlock &b)
{
    const bool escalationSection = !m_runbook.sections.isEmpty() && section().phase == Phase::Escalation;
    if (RunbookStructure::isSeverityTable(b)) {
        if (m_severityTable.isEmpty())
            m_severityTable = RunbookStructure::severityLevels(b);
        return;
    }
    if (RunbookStructure::isEscalationTable(b, escalationSection)) {
        m_runbook.escalation.append(RunbookStructure::escalationRules(b));
        return;
    }
    for (const auto &q : RunbookStructure::quickReference(b))
        m_quickRefs.append({q.alert, q.target});
}

void RunbookParser::finish()
{
    QList<Core::SeverityLevel> levels = m_severityTable.isEmpty() ? m_severityList : m_severityTable;
    for (auto &l : levels) {
        if (const auto it = m_communication.constFind(l.name.toLower()); it != m_communication.cend())
            l.communication = it.value();
    }
    if (!levels.isEmpty())
        m_runbook.severities = Core::SeverityScheme(levels);

    for (const auto &[alert, target] : std::as_const(m_quickRefs)) {
        const QString wanted =
            target.startsWith(QLatin1Char('#')) ? target.mid(1) : PhaseWords::anchor(target);
        for (const auto &s : std::as_const(m_runbook.sections)) {
            if (!s.anchor.isEmpty() &&
                (s.anchor == wanted || s.title.compare(target, Qt::CaseInsensitive) == 0)) {
                if (!m_runbook.alerts.contains(alert))
                    m_runbook.alerts.append(alert);
                // A quick-reference row says where to start for that alert: it beats the first mention.
                const QString name = alert; // clang 14 cannot capture structured bindings
                m_runbook.alertLinks.removeIf([&name](const AlertLink &l) { return l.alert == name; });
                m_runbook.alertLinks.append({alert, s.anchor});
                break;
            }
        }
    }

    // Each section keeps its own Markdown source (heading line excluded) for rich rendering.
    const QList<QByteArray> lines = m_source.split('\n');
    for (int i = 0; i < m_runbook.sections.size(); ++i) {
        Section &s = m_runbook.sections[i];
        if (s.line <= 0)
            continue;
        int end = int(lines.size());
        for (int j = i + 1; j < m_runbook.sections.size(); ++j) {
            if (m_runbook.sections.at(j).line > s.line) {
                end = m_runbook.sections.at(j).line - 1;
                break;
            }
        }
        const int begin = s.level == 0 ? s.line - 1 : s.line; // 0-based index of the first body line
        QByteArray body;
        for (int l = begin; l < end && l < lines.size(); ++l)
            body += lines.at(l) + '\n';
        s.markdown = QString::fromUtf8(body).trimmed();
    }
}

} // namespace Sitrep::Runbook
