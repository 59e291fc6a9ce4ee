#pragma once

#include "core/Redactor.h"
#include "team/TeamSync.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QAction;

namespace Sitrep::Core {
class IncidentFile;
}
namespace Sitrep::Secrets {
class SecretStore;
}

namespace Sitrep::Ui {

class JoinDialog;
class MainWindow;
class ShareDialog;
class TeamStatusWidget;

// Team incidents in the console: Incident > Share with team, File > Join team incident, and for any open
// incident that is a team replica, its replicator (on its own thread) with the header's team band, the
// timeline's "not yet shared" marks and where each entry came from. Typed passwords go to the keychain.
// A wall PC follows a team incident read-only (follow()).
class TeamController final : public QObject
{
    Q_OBJECT
public:
    TeamController(Sitrep::Core::IncidentFile &file, MainWindow &window,
                   Sitrep::Secrets::SecretStore &secrets,
                   std::shared_ptr<const Sitrep::Core::Redactor> redactor, QObject *parent = nullptr);
    ~TeamController() override;

    ShareDialog *share();
    JoinDialog *join();
    // `sitrep --wall --follow team:ID --server URL`: a local read-only replica, pulled through a role that
    // may only read; errors are said in a dialog and returned.
    QString follow(const QString &teamId, const QString &server);

    Sitrep::Team::TeamSync *sync() const { return m_sync.get(); }
    TeamStatusWidget *statusWidget() const { return m_status; }
    QAction *shareAction() const { return m_shareAction; }
    QAction *joinAction() const { return m_joinAction; }
    QString teamId() const { return m_teamId; }
    // Where a wall keeps its replica of a team incident.
    static QString followerPath(const QString &teamId);

signals:
    // The replica of a joined or followed incident is ready (the incident file was opened).
    void replicaOpened(const QString &path);
    void failed(const QString &sentence);

private:
    void attach();
    void detach();
    void start(const Sitrep::Team::ReplicaConfig &config);
    void refreshView();
    void openReplica(const QString &path, bool readOnly);
    QHash<QString, QString> roles() const;
    void rememberPassword(const QString &secretName, const QString &password);

    Sitrep::Core::IncidentFile &m_file;
    MainWindow &m_window;
    Sitrep::Secrets::SecretStore &m_secrets;
    std::shared_ptr<const Sitrep::Core::Redactor> m_redactor;
    std::unique_ptr<Sitrep::Team::TeamSync> m_sync;
    TeamStatusWidget *m_status;
    QAction *m_shareAction;
    QAction *m_joinAction;
    QPointer<ShareDialog> m_shareDialog;
    QPointer<JoinDialog> m_joinDialog;
    QString m_teamId;
    QString m_plainTextWarning;
    bool m_wall = false;
    quint64 m_generation = 0; // bumped when the open incident changes: late keychain answers are dropped
};

} // namespace Sitrep::Ui
