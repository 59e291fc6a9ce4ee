#pragma once

#include "kube/ClusterSpec.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;

namespace Sitrep::Ui {

// Picks the clusters an incident watches: one row per cluster with the kubeconfig context (any context of
// the user's kubeconfig files, listed as "context — file"), its namespace filter (the context's own, all
// namespaces, or one typed), and a remove button; "Add cluster" adds a row. Used by Incident > Clusters… and
// by the declaration dialog.
class ClusterListEditor final : public QWidget
{
    Q_OBJECT
public:
    // A context one may pick: its file ("" = the default files) and its own namespace.
    struct Choice
    {
        QString kubeconfig;
        QString context;
        QString ns;
    };

    explicit ClusterListEditor(QWidget *parent = nullptr);

    void setChoices(const QList<Choice> &choices);
    void setClusters(const QList<Kube::ClusterSpec> &clusters);
    // The rows as specs (rows without a context are left out); the colour and name of a cluster that was
    // there before are kept.
    QList<Kube::ClusterSpec> clusters() const;
    int rowCount() const { return int(m_rows.size()); }
    // Adds a row for a context (tests, and the Add button with the first unused one).
    void addCluster(const Kube::ClusterSpec &spec);
    void removeRow(int row);
    // The widgets of a row, for tests and keyboard users.
    QComboBox *contextBox(int row) const;
    QComboBox *namespaceBox(int row) const;

    static QString allNamespacesText();

signals:
    void changed();

private:
    struct Row
    {
        QComboBox *context = nullptr;
        QComboBox *ns = nullptr;
        QPushButton *remove = nullptr;
        Kube::ClusterSpec kept; // colour and name of the spec the row came from
    };
    void relayout();
    void fillNamespaces(Row &row, const std::optional<QString> &ns);
    QString defaultNamespaceOf(const QComboBox *context) const;

    QList<Choice> m_choices;
    QList<Row> m_rows;
    QGridLayout *m_grid;
    QPushButton *m_add;
    QLabel *m_empty;
};

} // namespace Sitrep::Ui
