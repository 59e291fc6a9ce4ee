#pragma once

#include "prom/Dashboard.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QToolButton;

namespace Sitrep::Ui {

// The dashboard's variable selectors, as Grafana's bar shows them: a combo box per single-value variable
// (editable for query and text variables, "All" and "auto" where the variable offers them), a check-box menu
// with "All" for multi-value ones, the data source as a fixed label. Constants and hidden variables get none.
// Says what the user chose through valueChanged().
class VariableBar final : public QWidget
{
    Q_OBJECT
public:
    explicit VariableBar(QWidget *parent = nullptr);

    void setVariables(const QList<Sitrep::Prom::Variable> &variables);
    // New options or value of one variable (from the resolver), shown without emitting a change by the user.
    void updateVariable(const Sitrep::Prom::Variable &variable);
    void showValue(const QString &name, const QString &value);
    // A multi-value variable's choice ("$__all" for All).
    void setSelection(const QString &name, const QStringList &values, bool byUser = true);
    bool isMulti(const QString &name) const { return m_multi.contains(name); }
    // Why the variable's options could not be asked (empty: they could): the selector says so in its tooltip
    // and a warning mark.
    void setError(const QString &name, const QString &sentence);

signals:
    // byUser: chosen in the bar (the charts refresh); false when options were merely reloaded.
    void valueChanged(const QString &name, const QStringList &values, bool byUser);

private:
    void fillMenu(const Sitrep::Prom::Variable &v, const QStringList &selected);
    void fillBox(const Sitrep::Prom::Variable &v);

    QHash<QString, Sitrep::Prom::Variable> m_variables;
    QHash<QString, QComboBox *> m_boxes;
    QHash<QString, QToolButton *> m_multi;
    QHash<QString, class QLabel *> m_labels;
    QHash<QString, QStringList> m_selected;
    bool m_filling = false;
};

} // namespace Sitrep::Ui
