#pragma once

#include <QString>
#include <QUrl>

class QNetworkReply;

namespace Sitrep::Net {

// How large one answer from a server may grow before Sitrep stops reading it: a misbehaving Prometheus,
// Alertmanager or API server (or a query for far too much) must not eat the console's memory. 256 MiB by
// default; SITREP_MAX_REPLY_MIB sets another default, each client can be given its own. For a stream (a
// watch) the limit applies to one line, one event.
class ReplyLimit final
{
public:
    static constexpr qint64 kDefaultMiB = 256;

    // SITREP_MAX_REPLY_MIB when it is a positive whole number, else 256 MiB.
    static qint64 defaultBytes();
    // "256 MiB", "1.5 GiB", "300 KiB"
    static QString sizeText(qint64 bytes);
    // The sentence for an answer cut off at the limit, naming the URL (without credentials).
    static QString tooLarge(const QUrl &url, qint64 limit);
    // The same for one line of a stream.
    static QString lineTooLarge(const QUrl &url, qint64 limit);
    // The Content-Length the server announced, -1 when it did not.
    static qint64 announced(const QNetworkReply *reply);
};

} // namespace Sitrep::Net
