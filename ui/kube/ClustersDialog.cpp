#include "ClustersDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sitrep::Ui {

ClustersDialog::ClustersDialog(const QList<ClusterListEditor::Choice> &choices,
                               const QList<Kube::ClusterSpec> &clusters, bool incidentOpen, QWidget *parent)
    : QDialog(parent)
    , m_editor(new ClusterListEditor(this))
{
    setObjectName(QStringLiteral("clustersDialog"));
    setWindowTitle(tr("Clusters of this incident"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        incidentOpen
            ? tr("The clusters this incident watches: the pods, events, deployments and cluster panes show "
                 "them side by side, and actions act on each row's own cluster. The choice is recorded in "
                 "the incident.")
            : tr("The clusters the console watches. Declare or open an incident to record them in it."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_editor->setChoices(choices);
    m_editor->setClusters(clusters);
    layout->addWidget(m_editor);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Watch these clusters"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        emit clustersChosen(m_editor->clusters());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(640, sizeHint().height());
}

} // namespace Sitrep::Ui
