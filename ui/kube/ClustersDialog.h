#pragma once

#include "ClusterListEditor.h"

#include <QDialog>

class QLabel;

namespace Sitrep::Ui {

// Incident > Clusters…: which clusters the incident watches, each with its namespace filter. Accepting
// records them in the incident (so reopening it, or a wall following it, watches the same) and watches them.
class ClustersDialog final : public QDialog
{
    Q_OBJECT
public:
    ClustersDialog(const QList<ClusterListEditor::Choice> &choices, const QList<Kube::ClusterSpec> &clusters,
                   bool incidentOpen, QWidget *parent = nullptr);
    ClusterListEditor *editor() const { return m_editor; }

signals:
    void clustersChosen(const QList<Sitrep::Kube::ClusterSpec> &clusters);

private:
    ClusterListEditor *m_editor;
};

} // namespace Sitrep::Ui
