#include "ClusterListEditor.h"

#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sitrep::Ui {

namespace {
// Item data of the namespace box: a marker for "the context's own", "" for all, else the name.
const QString kContextDefault = QStringLiteral("\u0001context");
} // namespace

ClusterListEditor::ClusterListEditor(QWidget *parent)
    : QWidget(parent)
    , m_grid(new QGridLayout)
    , m_add(new QPushButton(tr("&Add cluster"), this))
    , m_empty(new QLabel(tr("No cluster: the pods, events and deployments panes stay empty."), this))
{
    setObjectName(QStringLiteral("clusterListEditor"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_grid->addWidget(new QLabel(tr("Context"), this), 0, 0);
    m_grid->addWidget(new QLabel(tr("Namespaces"), this), 0, 1);
    m_grid->setColumnStretch(0, 3);
    m_grid->setColumnStretch(1, 2);
    layout->addLayout(m_grid);
    layout->addWidget(m_empty);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_add->setObjectName(QStringLiteral("addCluster"));
    connect(m_add, &QPushButton::clicked, this, [this] {
        // The first context not watched yet, so "Add" twice gives two clusters.
        const QList<Kube::ClusterSpec> have = clusters();
        for (const Choice &c : std::as_const(m_choices)) {
            const bool used = std::any_of(have.begin(), have.end(), [&c](const Kube::ClusterSpec &s) {
                return s.context == c.context && s.kubeconfig == c.kubeconfig;
            });
            if (!used) {
                addCluster({c.kubeconfig, c.context, std::nullopt, {}, {}});
                return;
            }
        }
        addCluster({});
    });
    relayout();
}

QString ClusterListEditor::allNamespacesText()
{
    return tr("All namespaces");
}

void ClusterListEditor::setChoices(const QList<Choice> &choices)
{
    const QList<Kube::ClusterSpec> keep = clusters();
    m_choices = choices;
    setClusters(keep);
}

void ClusterListEditor::setClusters(const QList<Kube::ClusterSpec> &clusters)
{
    while (!m_rows.isEmpty())
        removeRow(int(m_rows.size()) - 1);
    for (const Kube::ClusterSpec &s : clusters)
        addCluster(s);
    relayout();
}

QString ClusterListEditor::defaultNamespaceOf(const QComboBox *context) const
{
    const int i = context->currentData().toInt();
    return i >= 0 && i < m_choices.size() ? m_choices.at(i).ns : QString();
}

void ClusterListEditor::fillNamespaces(Row &row, const std::optional<QString> &ns)
{
    const QString own = defaultNamespaceOf(row.context);
    row.ns->clear();
    row.ns->addItem(own.isEmpty() ? tr("the context's own") : tr("%1 (the context's own)").arg(own),
                    kContextDefault);
    row.ns->addItem(allNamespacesText(), QString());
    if (!ns)
        row.ns->setCurrentIndex(0);
    else if (ns->isEmpty())
        row.ns->setCurrentIndex(1);
    else
        row.ns->setEditText(*ns);
}

void ClusterListEditor::addCluster(const Kube::ClusterSpec &spec)
{
    Row row;
    row.kept = spec;
    row.context = new QComboBox(this);
    row.context->setObjectName(QStringLiteral("clusterContext"));
    row.context->setAccessibleName(tr("Context"));
    int current = -1;
    for (int i = 0; i < m_choices.size(); ++i) {
        const Choice &c = m_choices.at(i);
        const QString file = c.kubeconfig.isEmpty() ? QString() : QFileInfo(c.kubeconfig).fileName();
        row.context->addItem(file.isEmpty() ? c.context : QStringLiteral("%1 \u2014 %2").arg(c.context, file), i);
        row.context->setItemData(row.context->count() - 1, c.kubeconfig.isEmpty() ? tr("$KUBECONFIG or ~/.kube/config")
                                                                                   : c.kubeconfig,
                                 Qt::ToolTipRole);
        if (c.context == spec.context && c.kubeconfig == spec.kubeconfig)
            current = i;
    }
    if (current < 0 && !spec.context.isEmpty()) {
        // A context the incident names that no file here has (any more): kept, and said so.
        m_choices.append({spec.kubeconfig, spec.context, QString()});
        current = int(m_choices.size()) - 1;
        row.context->addItem(tr("%1 (not in your kubeconfig files)").arg(spec.context), current);
    }
    row.context->setCurrentIndex(row.context->findData(current));
    row.ns = new QComboBox(this);
    row.ns->setObjectName(QStringLiteral("clusterNamespace"));
    row.ns->setAccessibleName(tr("Namespaces"));
    row.ns->setEditable(true);
    row.ns->setToolTip(tr("The namespace this cluster's panes show: the context's own, all, or type one"));
    fillNamespaces(row, spec.ns);
    row.remove = new QPushButton(tr("Remove"), this);
    row.remove->setAccessibleName(tr("Remove cluster"));
    m_rows.append(row);
    QComboBox *contextBox = row.context;
    connect(contextBox, &QComboBox::currentIndexChanged, this, [this, contextBox] {
        for (Row &r : m_rows)
            if (r.context == contextBox)
                fillNamespaces(r, std::nullopt); // another context: its own namespace again
        emit changed();
    });
    connect(row.ns, &QComboBox::currentTextChanged, this, &ClusterListEditor::changed);
    QPushButton *remove = row.remove;
    connect(remove, &QPushButton::clicked, this, [this, remove] {
        for (int i = 0; i < m_rows.size(); ++i)
            if (m_rows.at(i).remove == remove)
                return removeRow(i);
    });
    relayout();
    emit changed();
}

void ClusterListEditor::removeRow(int i)
{
    if (i < 0 || i >= m_rows.size())
        return;
    const Row row = m_rows.takeAt(i);
    for (QWidget *w : {static_cast<QWidget *>(row.context), static_cast<QWidget *>(row.ns),
                       static_cast<QWidget *>(row.remove)})
        m_grid->removeWidget(w);
    row.context->hide();
    row.ns->hide();
    row.remove->hide();
    row.context->deleteLater();
    row.ns->deleteLater();
    row.remove->deleteLater();
    relayout();
    emit changed();
}

void ClusterListEditor::relayout()
{
    for (const Row &r : std::as_const(m_rows))
        for (QWidget *w : {static_cast<QWidget *>(r.context), static_cast<QWidget *>(r.ns),
                           static_cast<QWidget *>(r.remove)})
            m_grid->removeWidget(w);
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &r = m_rows.at(i);
        m_grid->addWidget(r.context, i + 1, 0);
        m_grid->addWidget(r.ns, i + 1, 1);
        m_grid->addWidget(r.remove, i + 1, 2);
    }
    m_empty->setVisible(m_rows.isEmpty());
    m_add->setEnabled(!m_choices.isEmpty());
}

QList<Kube::ClusterSpec> ClusterListEditor::clusters() const
{
    QList<Kube::ClusterSpec> out;
    for (const Row &r : m_rows) {
        const int i = r.context->currentData().toInt();
        if (r.context->currentIndex() < 0 || i < 0 || i >= m_choices.size())
            continue;
        Kube::ClusterSpec s;
        s.kubeconfig = m_choices.at(i).kubeconfig;
        s.context = m_choices.at(i).context;
        const int ni = r.ns->currentIndex();
        const bool picked = ni >= 0 && r.ns->currentText() == r.ns->itemText(ni);
        const QString data = picked ? r.ns->itemData(ni).toString() : r.ns->currentText().trimmed();
        if (picked && data == kContextDefault)
            s.ns = std::nullopt;
        else if (!picked && (data.isEmpty() || data == allNamespacesText()))
            s.ns = QString();
        else
            s.ns = data;
        if (r.kept.sameCluster(s)) {
            s.colour = r.kept.colour;
            s.name = r.kept.name;
        }
        out << s;
    }
    return out;
}

QComboBox *ClusterListEditor::contextBox(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).context : nullptr;
}

QComboBox *ClusterListEditor::namespaceBox(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).ns : nullptr;
}

} // namespace Sitrep::Ui
