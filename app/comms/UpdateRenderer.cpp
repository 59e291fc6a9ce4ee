#include "comms/UpdateRenderer.h"

#include <QRegularExpression>

namespace Sitrep::Comms {

namespace {

struct Substituted
{
    QString text;
    bool hadPlaceholders = false;
    bool allEmpty = true;
};

Substituted substitute(const QString &line, const FieldValues &values, TextFormat format, bool escape)
{
    static const QRegularExpression ph(QStringLiteral("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*\\}\\}"));
    Substituted out;
    qsizetype last = 0;
    auto it = ph.globalMatch(line);
    while (it.hasNext()) {
        const auto m = it.next();
        out.hadPlaceholders = true;
        QString value = values.value(m.captured(1)).trimmed();
        if (!value.isEmpty())
            out.allEmpty = false;
        if (escape) {
            if (format == TextFormat::Markdown)
                value = UpdateRenderer::escapeMarkdown(value);
            else if (format == TextFormat::Slack)
                value = UpdateRenderer::escapeSlack(value);
        }
        out.text += line.mid(last, m.capturedStart() - last) + value;
        last = m.capturedEnd();
    }
    out.text += line.mid(last);
    return out;
}

const QRegularExpression &labelled()
{
    static const QRegularExpression re(QStringLiteral("^([A-Za-z][A-Za-z0-9 /()'-]*):\\s*(.*\\{\\{.*)$"));
    return re;
}

enum class LineType { Blank, Heading, Labelled, Text };

} // namespace

QString UpdateRenderer::formatName(TextFormat format)
{
    switch (format) {
    case TextFormat::Plain:
        return QStringLiteral("plain");
    case TextFormat::Markdown:
        return QStringLiteral("markdown");
    case TextFormat::Slack:
        return QStringLiteral("slack");
    }
    return {};
}

std::optional<TextFormat> UpdateRenderer::parseFormat(const QString &name)
{
    for (const auto f : {TextFormat::Plain, TextFormat::Markdown, TextFormat::Slack}) {
        if (formatName(f).compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return f;
    }
    if (name.compare(QLatin1String("text"), Qt::CaseInsensitive) == 0)
        return TextFormat::Plain;
    if (name.compare(QLatin1String("mrkdwn"), Qt::CaseInsensitive) == 0)
        return TextFormat::Slack;
    return std::nullopt;
}

QString UpdateRenderer::escapeMarkdown(const QString &text)
{
    // Words that are links stay untouched so renderers still auto-link them.
    static const QRegularExpression word(QStringLiteral("(\\S+)"));
    QString out;
    qsizetype last = 0;
    auto it = word.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        QString w = m.captured(1);
        if (!w.startsWith(QLatin1String("http://")) && !w.startsWith(QLatin1String("https://"))) {
            QString escaped;
            for (const QChar c : w) {
                if (c == QLatin1Char('\\') || c == QLatin1Char('*') || c == QLatin1Char('_') ||
                    c == QLatin1Char('`'))
                    escaped += QLatin1Char('\\');
                escaped += c;
            }
            w = escaped;
        }
        out += w;
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

QString UpdateRenderer::escapeSlack(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('&'), QLatin1String("&amp;"));
    out.replace(QLatin1Char('<'), QLatin1String("&lt;"));
    out.replace(QLatin1Char('>'), QLatin1String("&gt;"));
    return out;
}

QString UpdateRenderer::heading(const UpdateTemplate &t, const FieldValues &values)
{
    for (const auto &line : t.body().split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("# ")))
            return substitute(line.mid(2).trimmed(), values, TextFormat::Plain, false).text.trimmed();
    }
    return t.title();
}

QString UpdateRenderer::render(const UpdateTemplate &t, const FieldValues &values, TextFormat format)
{
    return render(t, values, format, Options{});
}

QString UpdateRenderer::render(const UpdateTemplate &t, const FieldValues &values, TextFormat format,
                               const Options &options)
{
    QStringList out;
    LineType previous = LineType::Blank;
    auto push = [&](LineType type, const QStringList &lines) {
        // Markdown: a list and a paragraph need a blank line between them or they merge.
        if (format == TextFormat::Markdown && previous != LineType::Blank && type != LineType::Blank &&
            (previous == LineType::Labelled) != (type == LineType::Labelled))
            out << QString();
        if (type == LineType::Blank && (out.isEmpty() || out.last().isEmpty()))
            return;
        out << lines;
        previous = type;
    };

    for (const QString &line : t.body().split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty()) {
            push(LineType::Blank, {QString()});
            continue;
        }
        if (line.startsWith(QLatin1String("# "))) {
            if (!options.includeHeading)
                continue;
            const QString text = substitute(line.mid(2).trimmed(), values, format, true).text.trimmed();
            switch (format) {
            case TextFormat::Plain:
                push(LineType::Heading, {text, QString(text.size(), QLatin1Char('-'))});
                break;
            case TextFormat::Markdown:
                push(LineType::Heading, {QStringLiteral("### ") + text});
                break;
            case TextFormat::Slack:
                push(LineType::Heading, {QStringLiteral("*%1*").arg(text)});
                break;
            }
            continue;
        }
        if (const auto m = labelled().match(line); m.hasMatch()) {
            const QString label = m.captured(1).trimmed();
            const Substituted s = substitute(m.captured(2), values, format, true);
            if (s.allEmpty)
                continue;
            const QString value = s.text.trimmed();
            const bool multi = value.contains(QLatin1Char('\n'));
            QStringList lines;
            switch (format) {
            case TextFormat::Plain:
                lines << (multi ? label + QLatin1Char(':') : label + QStringLiteral(": ") + value);
                break;
            case TextFormat::Markdown:
                lines << (multi ? QStringLiteral("- **%1:**").arg(label)
                                : QStringLiteral("- **%1:** %2").arg(label, value));
                break;
            case TextFormat::Slack:
                lines << (multi ? QStringLiteral("*%1:*").arg(label)
                                : QStringLiteral("*%1:* %2").arg(label, value));
                break;
            }
            if (multi) {
                for (const auto &v : value.split(QLatin1Char('\n')))
                    lines << (format == TextFormat::Markdown ? QStringLiteral("  ") + v.trimmed()
                                                             : v.trimmed());
            }
            push(LineType::Labelled, lines);
            continue;
        }
        const Substituted s = substitute(line, values, format, true);
        if (s.hadPlaceholders && s.allEmpty)
            continue;
        push(LineType::Text, s.text.trimmed().split(QLatin1Char('\n')));
    }
    while (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    while (!out.isEmpty() && out.first().isEmpty())
        out.removeFirst();
    return out.join(QLatin1Char('\n'));
}

} // namespace Sitrep::Comms
