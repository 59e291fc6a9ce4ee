#pragma once

#include "kube/ClusterHealth.h"
#include "kube/Informer.h"

#include <QLabel>
#include <QList>
#include <QPointer>

namespace Sitrep::Ui {

// The connection state line of a pane: "live", "reconnecting (n): why", the error, or "not allowed: ...", as
// text with a coloured marker (never colour alone). Follows one informer, or one per cluster when the incident
// watches several ("● prod-eu live · ⏸ prod-us stale since 10:42:13: connection refused").
class KubeStateLabel final : public QLabel
{
    Q_OBJECT
public:
    // One cluster's source of rows for the pane.
    struct Source
    {
        QString cluster;
        QPointer<Kube::Informer> informer;
        QPointer<Kube::ClusterHealth> health;
    };

    explicit KubeStateLabel(QWidget *parent = nullptr);
    void setInformer(Kube::Informer *informer);
    // Several clusters: each one's state, named. One source behaves like setInformer().
    void setSources(const QList<Source> &sources);
    // An extra note after the state, e.g. "12,034 pods" or a permission remark.
    void setNote(const QString &note);
    QString stateText() const { return m_state; }
    // For sources that are polled, not watched (metrics): the state of the last poll.
    void showPolled(bool ok, const QString &text);

private:
    void update(Kube::Informer::State state, const QString &text);
    void render();
    void detach();

    QPointer<Kube::Informer> m_informer;
    QList<Source> m_sources; // several clusters
    QString m_state;
    QString m_note;
};

} // namespace Sitrep::Ui
