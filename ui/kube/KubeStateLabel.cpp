#include "KubeStateLabel.h"

namespace Sitrep::Ui {

using Kube::ClusterHealth;
using Kube::Informer;

namespace {

struct Look
{
    QString color;
    QString marker;
};

Look lookOf(Informer::State state)
{
    switch (state) {
    case Informer::State::Live:
        return {QStringLiteral("#2e9d4f"), QStringLiteral("\u25cf")}; // filled circle
    case Informer::State::Connecting:
    case Informer::State::Reconnecting:
        return {QStringLiteral("#c78a00"), QStringLiteral("\u25d0")}; // half circle
    case Informer::State::Failed:
        return {QStringLiteral("#d62d2d"), QStringLiteral("\u2716")}; // heavy x
    case Informer::State::Stopped:
        break;
    }
    return {QStringLiteral("#808080"), QStringLiteral("\u25cb")};
}

// 403s read "not allowed: ..." so the commander knows it is RBAC, not the network.
QString shownText(Informer::State state, const QString &text, const Informer *informer)
{
    if (state == Informer::State::Failed && text.contains(QLatin1String("(403)")))
        return QStringLiteral("not allowed: ") + text;
    if (state == Informer::State::Reconnecting && informer && informer->hasSynced())
        return text + QStringLiteral(" \u2014 showing data as of the last update");
    return text;
}

} // namespace

KubeStateLabel::KubeStateLabel(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("kubeState"));
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    update(Informer::State::Stopped, QStringLiteral("not connected"));
}

void KubeStateLabel::detach()
{
    if (m_informer)
        m_informer->disconnect(this);
    for (const Source &s : std::as_const(m_sources)) {
        if (s.informer)
            s.informer->disconnect(this);
        if (s.health)
            s.health->disconnect(this);
    }
    m_informer = nullptr;
    m_sources.clear();
}

void KubeStateLabel::setInformer(Informer *informer)
{
    detach();
    m_informer = informer;
    if (!informer) {
        update(Informer::State::Stopped, QStringLiteral("not connected"));
        return;
    }
    connect(informer, &Informer::stateChanged, this, &KubeStateLabel::update);
    update(informer->state(), informer->stateText());
}

void KubeStateLabel::setSources(const QList<Source> &sources)
{
    if (sources.size() <= 1) {
        setInformer(sources.isEmpty() ? nullptr : sources.first().informer.data());
        return;
    }
    detach();
    m_sources = sources;
    for (const Source &s : sources) {
        if (s.informer)
            connect(s.informer, &Informer::stateChanged, this, &KubeStateLabel::render);
        if (s.health)
            connect(s.health, &ClusterHealth::changed, this, &KubeStateLabel::render);
    }
    render();
}

void KubeStateLabel::showPolled(bool ok, const QString &text)
{
    setInformer(nullptr);
    update(ok ? Informer::State::Live : Informer::State::Failed, text);
}

void KubeStateLabel::setNote(const QString &note)
{
    m_note = note;
    if (!m_sources.isEmpty())
        render();
    else if (m_informer)
        update(m_informer->state(), m_informer->stateText());
}

void KubeStateLabel::render()
{
    // One entry per cluster: the cluster's health wins when it is stale or failed (that is what the
    // commander must know), else the pane's own informer says how its rows are.
    QStringList html;
    QStringList plain;
    for (const Source &s : std::as_const(m_sources)) {
        Informer::State state = s.informer ? s.informer->state() : Informer::State::Stopped;
        QString text = s.informer ? s.informer->stateText() : QStringLiteral("not connected");
        Look look = lookOf(state);
        if (s.health && (s.health->state() == ClusterHealth::State::Stale ||
                         s.health->state() == ClusterHealth::State::Failed)) {
            const bool stale = s.health->state() == ClusterHealth::State::Stale;
            text = s.health->text();
            look = stale ? Look{QStringLiteral("#808080"), QStringLiteral("\u25cc")}
                         : lookOf(Informer::State::Failed);
            state = stale ? Informer::State::Reconnecting : Informer::State::Failed;
        } else {
            text = shownText(state, text, s.informer);
        }
        plain << QStringLiteral("%1: %2").arg(s.cluster, text);
        html << QStringLiteral("<span style=\"color:%1\">%2</span> <b>%3</b> %4")
                    .arg(look.color, look.marker, s.cluster.toHtmlEscaped(), text.toHtmlEscaped());
    }
    m_state = plain.join(QStringLiteral(" \u00b7 "));
    QString out = html.join(QStringLiteral(" &nbsp;\u00b7&nbsp; "));
    if (!m_note.isEmpty())
        out += QStringLiteral(" &nbsp;\u00b7&nbsp; ") + m_note.toHtmlEscaped();
    setText(out);
    setToolTip(plain.join(QLatin1Char('\n')));
}

void KubeStateLabel::update(Informer::State state, const QString &text)
{
    const Look look = lookOf(state);
    const QString shown = shownText(state, text, m_informer);
    m_state = shown;
    QString html = QStringLiteral("<span style=\"color:%1\">%2</span> %3")
                       .arg(look.color, look.marker, shown.toHtmlEscaped());
    if (!m_note.isEmpty())
        html += QStringLiteral(" &nbsp;\u00b7&nbsp; ") + m_note.toHtmlEscaped();
    setText(html);
    setToolTip(shown);
}

} // namespace Sitrep::Ui
