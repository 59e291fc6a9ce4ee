#pragma once

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace Sitrep::Sim {

// Faults a test can ask the simulated API for: set from C++, or per request with the
// `X-Sim-Fault: <kind>[=<n>]` header (kinds: 429, 500, hang, malformed, watch410, watchexpired, dropwatch=N).
class FaultInjector final
{
public:
    enum class Kind {
        TooManyRequests, // 429 with Retry-After: 1
        InternalError,   // 500 Status
        Hang,            // accept the request and never answer
        MalformedJson,   // 200 with a truncated JSON body
        Watch410,        // watch requests get HTTP 410 Gone
        WatchExpired,    // watch streams start with an ERROR event (code 410)
        DropWatch,       // watch streams are cut after `count` events
    };
    struct Rule
    {
        Kind kind = Kind::InternalError;
        QRegularExpression path = QRegularExpression(QStringLiteral(".*"));
        QByteArray method; // empty: any
        int times = -1;    // -1: every matching request
        int parameter = 0; // DropWatch: events before the cut
        bool watchOnly = false;
    };

    void add(const Rule &rule) { m_rules.append(rule); }
    void clear() { m_rules.clear(); }
    bool isEmpty() const { return m_rules.isEmpty(); }
    // The fault for this request (consuming one use of the rule), if any.
    std::optional<Rule> take(const QByteArray &method, const QString &path, bool isWatch,
                             const QByteArray &header);
    static std::optional<Rule> parseHeader(const QByteArray &header);

private:
    QList<Rule> m_rules;
};

} // namespace Sitrep::Sim
