#pragma once

#include "kube/Informer.h"

#include <QLabel>
#include <QPointer>

namespace Sitrep::Ui {

// The one-line connection state of a pane: "live", "reconnecting (n): why", the error, or "not allowed: ...",
// as text with a coloured marker (never colour alone). Follows one informer at a time.
class KubeStateLabel final : public QLabel
{
    Q_OBJECT
public:
    explicit KubeStateLabel(QWidget *parent = nullptr);
    void setInformer(Kube::Informer *informer);
    // An extra note after the state, e.g. "12,034 pods" or a permission remark.
    void setNote(const QString &note);
    QString stateText() const { return m_state; }
    // For sources that are polled, not watched (metrics): the state of the last poll.
    void showPolled(bool ok, const QString &text);

private:
    void update(Kube::Informer::State state, const QString &text);

    QPointer<Kube::Informer> m_informer;
    QString m_state;
    QString m_note;
};

} // namespace Sitrep::Ui
