#include "comms/EscalationPolicy.h"

#include <QRegularExpression>

namespace Sitrep::Comms {

EscalationPolicy EscalationPolicy::fromLines(const QStringList &lines)
{
    static const QRegularExpression level(
        QStringLiteral(
            "level\\s*(\\d+)\\**\\s*\\((\\d+)\\s*(?:-\\s*\\d+|\\+)?\\s*min[a-z]*\\)\\**\\s*:?\\s*(.+)$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression immediate(QStringLiteral("escalate immediately if (.+?)[.]?$"),
                                              QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression verb(QStringLiteral("^(?:escalate to|involve|page)\\s+(?:the\\s+)?"),
                                         QRegularExpression::CaseInsensitiveOption);
    EscalationPolicy p;
    for (const auto &line : lines) {
        if (const auto m = level.match(line); m.hasMatch()) {
            QString contact = m.captured(3).trimmed();
            contact.remove(verb);
            p.levels.append({m.captured(1).toInt(), m.captured(2).toInt(), contact});
        } else if (const auto i = immediate.match(line.trimmed()); i.hasMatch()) {
            p.immediate.append({i.captured(1).trimmed(), {}});
        }
    }
    return p;
}

} // namespace Sitrep::Comms
