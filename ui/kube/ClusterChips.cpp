#include "ClusterChips.h"

#include "ClusterStyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace Sitrep::Ui {

using Kube::ClusterConnection;
using Kube::ClusterHealth;

ClusterChips::ClusterChips(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("clusterChips"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    hide();
}

void ClusterChips::setConnections(const QList<ClusterConnection *> &connections)
{
    for (const auto &c : std::as_const(m_connections)) {
        if (c) {
            c->disconnect(this);
            c->health()->disconnect(this);
            c->census()->disconnect(this);
        }
    }
    m_connections.clear();
    QSet<QString> names;
    for (ClusterConnection *c : connections) {
        m_connections << c;
        names.insert(c->clusterName());
        connect(c->health(), &ClusterHealth::changed, this, &ClusterChips::refresh);
        connect(c->census(), &Kube::PodCensus::changed, this, &ClusterChips::refresh);
        connect(c, &ClusterConnection::displayChanged, this, &ClusterChips::rebuild);
    }
    // A cluster that left the incident is no longer hidden; one that stays keeps the user's choice.
    m_hidden.intersect(names);
    rebuild();
}

void ClusterChips::setDetail(std::function<QString(ClusterConnection *)> detail)
{
    m_detail = std::move(detail);
    refresh();
}

void ClusterChips::rebuild()
{
    qDeleteAll(m_chips);
    m_chips.clear();
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    setVisible(m_connections.size() > 1);
    if (m_connections.size() <= 1)
        return;
    auto *label = new QLabel(tr("Clusters:"), this);
    m_layout->addWidget(label);
    for (const auto &c : std::as_const(m_connections)) {
        if (!c)
            continue;
        const QString name = c->clusterName();
        auto *chip = new QToolButton(this);
        chip->setObjectName(QStringLiteral("clusterChip"));
        chip->setCheckable(true);
        chip->setChecked(!m_hidden.contains(name));
        chip->setFocusPolicy(Qt::StrongFocus);
        chip->setToolButtonStyle(Qt::ToolButtonTextOnly);
        connect(chip, &QToolButton::toggled, this, [this, name](bool shown) {
            if (shown == !m_hidden.contains(name))
                return;
            if (shown)
                m_hidden.remove(name);
            else
                m_hidden.insert(name);
            refresh();
            emit hiddenClustersChanged(m_hidden);
        });
        m_chips.insert(name, chip);
        m_layout->addWidget(chip);
    }
    m_layout->addStretch(1);
    refresh();
}

QString ClusterChips::chipText(ClusterConnection *c, const QString &detail)
{
    const ClusterHealth *h = c->health();
    QString state;
    switch (h->state()) {
    case ClusterHealth::State::Live:
        state = QStringLiteral("\u25cf live");
        break;
    case ClusterHealth::State::Connecting:
        state = QStringLiteral("\u25d0 connecting");
        break;
    case ClusterHealth::State::Stale:
        state = QStringLiteral("\u25cc ") + h->text().section(QStringLiteral(": "), 0, 0);
        break;
    case ClusterHealth::State::Failed:
        state = QStringLiteral("\u2716 failed");
        break;
    }
    QString t = c->clusterName() + QStringLiteral(" \u00b7 ") + state;
    if (!detail.isEmpty())
        t += QStringLiteral(" \u00b7 ") + detail;
    return t;
}

void ClusterChips::refresh()
{
    for (const auto &c : std::as_const(m_connections)) {
        if (!c)
            continue;
        QToolButton *chip = m_chips.value(c->clusterName());
        if (!chip)
            continue;
        const bool shown = !m_hidden.contains(c->clusterName());
        const ClusterHealth::State st = c->health()->state();
        const bool stale = st == ClusterHealth::State::Stale || st == ClusterHealth::State::Failed;
        QString t = chipText(c, m_detail ? m_detail(c) : QString());
        if (!shown)
            t += tr(" (hidden)");
        if (chip->text() != t)
            chip->setText(t);
        QString tip = tr("%1: %2\ncontext %3 at %4\nClick to %5 its rows.")
                          .arg(c->clusterName(), c->health()->text(), c->contextName(),
                               c->client()->server().toString(QUrl::RemoveUserInfo),
                               shown ? tr("hide") : tr("show"));
        chip->setToolTip(tip);
        chip->setAccessibleName(t);
        const QColor colour(c->colour().isEmpty() ? QStringLiteral("#546e7a") : c->colour());
        const QString style = shown ? ClusterStyle::chipStyle(colour, stale)
                                    : QStringLiteral("padding:2px 8px;border-radius:3px;border:2px solid %1;"
                                                     "color:palette(text);font-weight:normal;")
                                          .arg(colour.name());
        // Restyling re-polishes the button: only when its look changes, not on every count.
        if (chip->styleSheet() != style)
            chip->setStyleSheet(style);
    }
}

void ClusterChips::setClusterShown(const QString &name, bool shown)
{
    if (QToolButton *chip = m_chips.value(name))
        chip->setChecked(shown);
}

QString ClusterChips::text() const
{
    QStringList out;
    for (const auto &c : std::as_const(m_connections))
        if (c && m_chips.contains(c->clusterName()))
            out << m_chips.value(c->clusterName())->text();
    return out.join(QStringLiteral(" \u00b7 "));
}

} // namespace Sitrep::Ui
