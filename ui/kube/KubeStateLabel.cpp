#include "KubeStateLabel.h"

namespace Sitrep::Ui {

using Kube::Informer;

KubeStateLabel::KubeStateLabel(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("kubeState"));
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    update(Informer::State::Stopped, QStringLiteral("not connected"));
}

void KubeStateLabel::setInformer(Informer *informer)
{
    if (m_informer)
        m_informer->disconnect(this);
    m_informer = informer;
    if (!informer) {
        update(Informer::State::Stopped, QStringLiteral("not connected"));
        return;
    }
    connect(informer, &Informer::stateChanged, this, &KubeStateLabel::update);
    update(informer->state(), informer->stateText());
}

void KubeStateLabel::showPolled(bool ok, const QString &text)
{
    setInformer(nullptr);
    update(ok ? Informer::State::Live : Informer::State::Failed, text);
}

void KubeStateLabel::setNote(const QString &note)
{
    m_note = note;
    if (m_informer)
        update(m_informer->state(), m_informer->stateText());
}

void KubeStateLabel::update(Informer::State state, const QString &text)
{
    QString color;
    QString marker;
    switch (state) {
    case Informer::State::Live:
        color = QStringLiteral("#2e9d4f");
        marker = QStringLiteral("\u25cf"); // filled circle
        break;
    case Informer::State::Connecting:
    case Informer::State::Reconnecting:
        color = QStringLiteral("#c78a00");
        marker = QStringLiteral("\u25d0"); // half circle
        break;
    case Informer::State::Failed:
        color = QStringLiteral("#d62d2d");
        marker = QStringLiteral("\u2716"); // heavy x
        break;
    case Informer::State::Stopped:
        color = QStringLiteral("#808080");
        marker = QStringLiteral("\u25cb");
        break;
    }
    // 403s read "not allowed: ..." so the commander knows it is RBAC, not the network.
    QString shown = text;
    if (state == Informer::State::Failed && text.contains(QLatin1String("(403)")))
        shown = QStringLiteral("not allowed: ") + text;
    else if (state == Informer::State::Reconnecting && m_informer && m_informer->hasSynced())
        shown += QStringLiteral(" \u2014 showing data as of the last update");
    m_state = shown;
    QString html =
        QStringLiteral("<span style=\"color:%1\">%2</span> %3").arg(color, marker, shown.toHtmlEscaped());
    if (!m_note.isEmpty())
        html += QStringLiteral(" &nbsp;\u00b7&nbsp; ") + m_note.toHtmlEscaped();
    setText(html);
    setToolTip(shown);
}

} // namespace Sitrep::Ui
