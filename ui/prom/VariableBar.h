#pragma once

#include "prom/Dashboard.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QToolButton;

namespace Sitrep::Ui {

// The dashboard's variable selectors: a combo box per single-value variable (editable for query and text
// variables), a check-box menu with "All" for multi-value ones (expanded as a regex alternation). Constants
// get none. Says what $name now expands to through valueChanged().
class VariableBar final : public QWidget
{
    Q_OBJECT
public:
    explicit VariableBar(QWidget *parent = nullptr);

    void setVariables(const QList<Sitrep::Prom::Variable> &variables);
    // The options Prometheus answered for a query variable (label_values); current stays chosen.
    void setOptions(const QString &name, const QStringList &options, const QString &current);
    void showValue(const QString &name, const QString &value);
    // A multi-value variable's choice ("$__all" for All).
    void setSelection(const QString &name, const QStringList &values, bool byUser = true);
    bool isMulti(const QString &name) const { return m_multi.contains(name); }

signals:
    // byUser: chosen in the bar (the charts refresh); false when options were merely reloaded.
    void valueChanged(const QString &name, const QString &expanded, bool byUser);

private:
    void fillMenu(const QString &name, const QStringList &options);

    QList<Sitrep::Prom::Variable> m_variables;
    QHash<QString, QComboBox *> m_boxes;
    QHash<QString, QToolButton *> m_multi;
    QHash<QString, QStringList> m_selected;
};

} // namespace Sitrep::Ui
