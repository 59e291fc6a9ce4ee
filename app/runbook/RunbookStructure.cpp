#include "runbook/RunbookStructure.h"

#include "runbook/RiskRules.h"
#include "runbook/ShellText.h"

#include <QRegularExpression>
#include <QSet>

namespace Sitrep::Runbook {

namespace {

QRegularExpression ci(const QString &p)
{
    return QRegularExpression(p, QRegularExpression::CaseInsensitiveOption);
}

int unitMinutes(const QString &unit, int n)
{
    const QString u = unit.toLower();
    if (u.startsWith(QLatin1Char('h')))
        return n * 60;
    if (u.startsWith(QLatin1Char('d')))
        return n * 24 * 60;
    if (u.startsWith(QLatin1Char('s')))
        return n / 60;
    return n;
}

int column(const QStringList &header, const QRegularExpression &re)
{
    for (int i = 0; i < header.size(); ++i) {
        if (re.match(header.at(i)).hasMatch())
            return i;
    }
    return -1;
}

QString cell(const QStringList &row, int i)
{
    return i >= 0 && i < row.size() ? RunbookStructure::stripMarkup(row.at(i)) : QString();
}

const QRegularExpression &severityNameRe()
{
    static const QRegularExpression re = ci(QStringLiteral(
        "^(P[0-9]|SEV[- "
        "]?[0-9]|S[0-9]|Critical|High|Medium|Moderate|Low|Major|Minor|Warning|Info|Emergency)\\b"));
    return re;
}

} // namespace

QString RunbookStructure::stripMarkup(const QString &cell)
{
    QString s = cell.simplified();
    s.remove(QLatin1Char('`'));
    return s;
}

RunbookStructure::Range RunbookStructure::minutes(const QString &text)
{
    static const QString unit = QStringLiteral("(min(?:ute)?s?|m|h(?:ou)?r?s?|days?|d|sec(?:ond)?s?|s)\\b");
    static const QRegularExpression range = ci(QStringLiteral("(\\d+)\\s*(?:-|–|to)\\s*(\\d+)\\s*") + unit);
    static const QRegularExpression plus = ci(QStringLiteral("(\\d+)\\s*\\+\\s*") + unit);
    static const QRegularExpression plus2 =
        ci(QStringLiteral("(\\d+)\\s*") + unit + QStringLiteral("\\s*\\+"));
    static const QRegularExpression single = ci(QStringLiteral("(\\d+)\\s*") + unit);
    Range r;
    if (const auto m = range.match(text); m.hasMatch()) {
        r.after = unitMinutes(m.captured(3), m.captured(1).toInt());
        r.until = unitMinutes(m.captured(3), m.captured(2).toInt());
    } else if (const auto p = plus.match(text); p.hasMatch()) {
        r.after = unitMinutes(p.captured(2), p.captured(1).toInt());
    } else if (const auto p2 = plus2.match(text); p2.hasMatch()) {
        r.after = unitMinutes(p2.captured(2), p2.captured(1).toInt());
    } else if (const auto s = single.match(text); s.hasMatch()) {
        r.after = unitMinutes(s.captured(2), s.captured(1).toInt());
    }
    return r;
}

bool RunbookStructure::isSeverityTable(const MarkdownBlock &table)
{
    if (table.rows.size() < 2)
        return false;
    // "Level | Time | Contact" is an escalation table, even though its first column says "Level".
    static const QRegularExpression escalation = ci(QStringLiteral("contact|who|escalat|owner|page|notify"));
    if (escalation.match(table.rows.first().join(QLatin1Char(' '))).hasMatch())
        return false;
    // Every first cell must name a severity: P0, SEV1, Critical ...
    for (qsizetype i = 1; i < table.rows.size(); ++i) {
        if (!severityNameRe().match(stripMarkup(table.rows.at(i).value(0))).hasMatch())
            return false;
    }
    return true;
}

QList<Core::SeverityLevel> RunbookStructure::severityLevels(const MarkdownBlock &table)
{
    QList<Core::SeverityLevel> out;
    const QStringList header = table.rows.value(0);
    int desc = column(header, ci(QStringLiteral("descr|meaning|definition|impact|criteria")));
    const int resp = column(header, ci(QStringLiteral("response|ack|sla")));
    const int comm = column(header, ci(QStringLiteral("communicat|update|notify")));
    if (desc < 0)
        desc = 1;
    for (qsizetype i = 1; i < table.rows.size(); ++i) {
        const QStringList &row = table.rows.at(i);
        const QString name = cell(row, 0);
        if (name.isEmpty())
            continue;
        out.append({name, cell(row, desc), cell(row, resp), cell(row, comm), int(out.size())});
    }
    return out;
}

bool RunbookStructure::isEscalationTable(const MarkdownBlock &table, bool inEscalationSection)
{
    if (table.rows.size() < 2)
        return false;
    const QString header = table.rows.first().join(QLatin1Char(' '));
    const bool levelish = ci(QStringLiteral("level|tier|stage|escalat|step")).match(header).hasMatch();
    const bool whoOrWhen = ci(QStringLiteral("time|after|when|within|contact|who|owner|team|person|page"))
                               .match(header)
                               .hasMatch();
    return levelish && whoOrWhen &&
           (inEscalationSection || header.contains(QLatin1String("scalat"), Qt::CaseInsensitive));
}

QList<EscalationRule> RunbookStructure::escalationRules(const MarkdownBlock &table)
{
    QList<EscalationRule> out;
    const QStringList header = table.rows.value(0);
    const int who =
        column(header, ci(QStringLiteral("contact|who|owner|team|person|page|escalate to|notify")));
    const int when = column(header, ci(QStringLiteral("time|after|when|within|duration")));
    const int cond = column(header, ci(QStringLiteral("condition|trigger|criteria|if")));
    for (qsizetype i = 1; i < table.rows.size(); ++i) {
        const QStringList &row = table.rows.at(i);
        EscalationRule r;
        r.level = cell(row, 0);
        r.contact = cell(row, who >= 0 && who != 0 ? who : 1);
        r.condition = cell(row, cond);
        const Range range = minutes(cell(row, when >= 0 ? when : (cond >= 0 ? cond : 0)));
        r.afterMinutes = range.after;
        r.untilMinutes = range.until;
        out.append(r);
    }
    return out;
}

QList<RunbookStructure::QuickRef> RunbookStructure::quickReference(const MarkdownBlock &table)
{
    QList<QuickRef> out;
    if (table.rows.size() < 2)
        return out;
    const QStringList header = table.rows.first();
    const int alert = column(header, ci(QStringLiteral("alert|issue|symptom|problem|error|scenario")));
    const int target =
        column(header, ci(QStringLiteral("section|runbook|see|go to|link|procedure|action|fix")));
    if (alert < 0 || target < 0 || alert == target)
        return out;
    for (qsizetype i = 1; i < table.rows.size(); ++i) {
        const QString name = cell(table.rows.at(i), alert);
        const QString href = table.rowLinks.value(i).value(target);
        const QString t = href.isEmpty() ? cell(table.rows.at(i), target) : href;
        if (!name.isEmpty() && !t.isEmpty())
            out.append({name, t});
    }
    return out;
}

EscalationRule RunbookStructure::escalationItem(const MarkdownBlock &item, bool condition)
{
    EscalationRule r;
    QString text = item.text.simplified();
    if (condition) {
        static const QRegularExpression sev = ci(QStringLiteral("\\b(P[0-9]|SEV-?[0-9]|Critical|High)\\b"));
        static const QRegularExpression within =
            ci(QStringLiteral("(within|after|for|over|exceeds?|longer than|more than|>)\\s*\\d"));
        r.condition = stripMarkup(text);
        if (const auto m = sev.match(text); m.hasMatch())
            r.severity = m.captured(1);
        if (within.match(text).hasMatch())
            r.afterMinutes = minutes(text).after;
        return r;
    }
    const QString strong = item.strongSpans.isEmpty() ? QString() : item.strongSpans.first();
    if (!strong.isEmpty() && text.startsWith(strong)) {
        r.level = strong;
        text = text.mid(strong.size());
    } else if (item.ordered) {
        r.level = QString::number(item.number);
    }
    if (r.level.endsWith(QLatin1Char(':')))
        r.level.chop(1);
    static const QRegularExpression paren(QStringLiteral("^\\s*\\(([^)]*)\\)"));
    if (const auto m = paren.match(text); m.hasMatch()) {
        const Range range = minutes(m.captured(1));
        r.afterMinutes = range.after;
        r.untilMinutes = range.until;
        text = text.mid(m.capturedEnd(0));
    }
    text = text.trimmed();
    if (text.startsWith(QLatin1Char(':')))
        text = text.mid(1).trimmed();
    r.contact = stripMarkup(text);
    return r;
}

std::optional<Core::SeverityLevel> RunbookStructure::severityItem(const MarkdownBlock &item)
{
    if (item.strongSpans.isEmpty())
        return std::nullopt;
    QString name = item.strongSpans.first();
    const QString text = item.text.simplified();
    if (!text.startsWith(name))
        return std::nullopt;
    QString rest = text.mid(name.size()).trimmed();
    if (name.endsWith(QLatin1Char(':')))
        name.chop(1);
    if (rest.startsWith(QLatin1Char(':')))
        rest = rest.mid(1).trimmed();
    if (!severityNameRe().match(name).hasMatch())
        return std::nullopt;
    return Core::SeverityLevel{name.trimmed(), stripMarkup(rest), QString(), QString(), 0};
}

std::optional<MessageTemplate> RunbookStructure::messageTemplate(const QString &code)
{
    static const QRegularExpression dashes(QStringLiteral("^[-=]{3,}$"));
    static const QRegularExpression field(QStringLiteral("^([A-Z][A-Za-z0-9 /()_-]{0,40}?)\\s*:\\s*(.*)$"));
    QStringList lines;
    for (const QString &l : code.split(QLatin1Char('\n'))) {
        if (!l.trimmed().isEmpty())
            lines << l.trimmed();
    }
    if (lines.size() < 2)
        return std::nullopt;
    MessageTemplate t;
    qsizetype first = 0;
    if (dashes.match(lines.at(1)).hasMatch() && field.match(lines.at(0)).captured(2).isEmpty()) {
        t.name = lines.at(0);
        first = 2;
    } else if (lines.at(0).contains(QLatin1String("template"), Qt::CaseInsensitive)) {
        t.name = lines.at(0);
        first = 1;
        if (first < lines.size() && dashes.match(lines.at(first)).hasMatch())
            ++first;
    }
    if (t.name.endsWith(QLatin1Char(':')))
        t.name.chop(1);
    for (qsizetype i = first; i < lines.size(); ++i) {
        const auto m = field.match(lines.at(i));
        if (!m.hasMatch())
            return std::nullopt; // a template is fields only; anything else is an example or a log
        t.fields.append({m.captured(1).trimmed(), m.captured(2).trimmed()});
    }
    // Without a title, only a block of several Key: value lines counts (two could be a log excerpt).
    if (t.fields.isEmpty() || (t.name.isEmpty() && t.fields.size() < 3))
        return std::nullopt;
    t.text = code.trimmed();
    return t;
}

bool RunbookStructure::looksLikePromQL(const QString &code)
{
    const QString t = code.trimmed();
    if (t.isEmpty() || looksLikeShell(t))
        return false;
    static const QRegularExpression selector(QStringLiteral("[A-Za-z_:][A-Za-z0-9_:]*\\{[^}]*\\}"));
    static const QRegularExpression range(QStringLiteral("\\[\\d+[smhdwy]\\]"));
    static const QRegularExpression func(QStringLiteral(
        "^(sum|rate|irate|increase|avg|max|min|count|histogram_quantile|topk|bottomk|absent|delta|"
        "deriv|predict_linear|quantile_over_time|avg_over_time|max_over_time|min_over_time|"
        "sum_over_time|count_over_time|label_replace|up|time|vector|clamp_min|clamp_max)\\s*[({]"));
    if (t.contains(QLatin1String(": ")) && !t.contains(QLatin1Char('{')))
        return false; // "Error: something" is prose or a log line
    return range.match(t).hasMatch() || func.match(t).hasMatch() ||
           (selector.match(t).hasMatch() && !t.contains(QLatin1Char('\n')));
}

bool RunbookStructure::looksLikeShell(const QString &code)
{
    static const QSet<QString> tools = {
        QStringLiteral("kubectl"),    QStringLiteral("helm"),      QStringLiteral("docker"),
        QStringLiteral("psql"),       QStringLiteral("redis-cli"), QStringLiteral("systemctl"),
        QStringLiteral("ssh"),        QStringLiteral("export"),    QStringLiteral("sudo"),
        QStringLiteral("aws"),        QStringLiteral("gcloud"),    QStringLiteral("az"),
        QStringLiteral("oc"),         QStringLiteral("mysql"),     QStringLiteral("git"),
        QStringLiteral("patronictl"), QStringLiteral("for"),       QStringLiteral("if"),
        QStringLiteral("cd"),         QStringLiteral("source"),
    };
    for (const QString &line : code.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (t.isEmpty() || t.startsWith(QLatin1Char('#')))
            continue;
        const QStringList w = ShellText::words(t);
        if (w.isEmpty())
            return false;
        const QString first = w.first();
        return tools.contains(first) || RiskRules::toolRisk(first).has_value() ||
               (first.contains(QLatin1Char('=')) && !first.startsWith(QLatin1Char('=')) &&
                first.at(0).isLetter() && w.size() == 1);
    }
    return false;
}

QStringList RunbookStructure::alertsInText(const QString &text)
{
    // "Alert: `A`", "Prometheus alert fired: `A`", "**Alert Name**: A", and every name on the line after it:
    // "Alert: `QueueBacklogHigh` or `WorkerDown`", "Alerts: QueueBacklogHigh, WorkerDown".
    static const QRegularExpression field = ci(QStringLiteral(
        "(?:^|\\b)(?:prometheus\\s+)?alerts?(?:\\s+names?)?(?:\\s+fired)?\\**\\s*:\\s*([^\\n]*)"));
    static const QRegularExpression ticked(QStringLiteral("`([^`\\n]+)`"));
    static const QRegularExpression separators(QStringLiteral("\\s*(?:,|;|/|\\s(?:or|and|&)\\s)\\s*"),
                                               QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression name(QStringLiteral("^([A-Z][A-Za-z0-9_:]+)(\\s*(?:\\(.*\\)|[-\\x{2013}:].*)?)$"));
    static const QRegularExpression leading(QStringLiteral("^([A-Z][A-Za-z0-9_]+)"));
    static const QRegularExpression up(QStringLiteral("`(up\\{[^`}]*\\}\\s*==\\s*0)`"));
    QStringList out;
    auto add = [&out](const QString &n) {
        const QString t = n.trimmed();
        if (!t.isEmpty() && !out.contains(t))
            out << t;
    };
    auto it = field.globalMatch(text);
    while (it.hasNext()) {
        const QString rest = it.next().captured(1);
        bool any = false;
        auto ticks = ticked.globalMatch(rest);
        while (ticks.hasNext()) {
            add(ticks.next().captured(1));
            any = true;
        }
        if (any)
            continue;
        const QStringList parts = rest.split(separators, Qt::SkipEmptyParts);
        for (qsizetype i = 0; i < parts.size(); ++i) {
            // The first name may be followed by prose ("Alert: HighErrorRate fires when ..."); later ones must
            // stand alone, so a sentence after the colon does not become a list of alerts.
            const auto m = i == 0 ? leading.match(parts.at(i).trimmed()) : name.match(parts.at(i).trimmed());
            if (!m.hasMatch())
                break;
            add(m.captured(1));
        }
    }
    auto uit = up.globalMatch(text);
    while (uit.hasNext())
        add(uit.next().captured(1));
    return out;
}

} // namespace Sitrep::Runbook
