#pragma once

#include "team/Presence.h"
#include "team/Replicator.h"

#include <QFrame>
#include <QHash>

class QLabel;

namespace Sitrep::Ui {

// The team band in the incident header: the team id, online or not, who is connected (name, incident role,
// walls), "not yet shared: N" while the server has not acknowledged local entries, and a warning when the
// connection to a remote server is not encrypted and verified (an explicit sslmode the URL chose).
class TeamStatusWidget final : public QFrame
{
    Q_OBJECT
public:
    explicit TeamStatusWidget(QWidget *parent = nullptr);

    struct View
    {
        QString teamId;
        Sitrep::Team::ReplicaStatus status;
        QList<Sitrep::Team::Peer> peers;
        QHash<QString, QString> roles; // person -> "IC", "comms lead", "scribe"
        QString plainTextWarning;      // empty when the connection is verified TLS or local
    };
    void setView(const View &view);
    void clear();

    QString text() const;
    // The words the band shows (also its tooltip's details), so tests need no pixels.
    static QString describe(const View &view);
    static QString details(const View &view);

private:
    QLabel *m_label;
};

} // namespace Sitrep::Ui
