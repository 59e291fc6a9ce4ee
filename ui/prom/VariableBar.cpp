#include "VariableBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

using Sitrep::Prom::Variable;

namespace Sitrep::Ui {

VariableBar::VariableBar(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 0, 8, 0);
}

void VariableBar::setVariables(const QList<Variable> &variables)
{
    qDeleteAll(findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_variables = variables;
    m_boxes.clear();
    m_multi.clear();
    m_selected.clear();
    for (const Variable &v : variables) {
        if (v.type == Variable::Type::Constant)
            continue;
        auto *label = new QLabel(v.label, this);
        layout()->addWidget(label);
        const QString name = v.name;
        if (v.multi) {
            auto *button = new QToolButton(this);
            button->setPopupMode(QToolButton::InstantPopup);
            button->setMenu(new QMenu(button));
            button->setAccessibleName(v.label);
            label->setBuddy(button);
            layout()->addWidget(button);
            m_multi.insert(name, button);
            fillMenu(name, v.options);
            continue;
        }
        auto *box = new QComboBox(this);
        box->setEditable(v.type != Variable::Type::Custom);
        box->setAccessibleName(v.label);
        box->addItems(v.options);
        if (box->findText(v.value()) < 0 && !v.value().isEmpty())
            box->addItem(v.value());
        box->setCurrentText(v.value());
        label->setBuddy(box);
        layout()->addWidget(box);
        connect(box, &QComboBox::textActivated, this,
                [this, name](const QString &value) { emit valueChanged(name, value, true); });
        m_boxes.insert(name, box);
    }
}

void VariableBar::setOptions(const QString &name, const QStringList &options, const QString &current)
{
    if (m_multi.contains(name)) {
        fillMenu(name, options);
        return;
    }
    QComboBox *box = m_boxes.value(name);
    if (!box)
        return;
    box->clear();
    box->addItems(options);
    if (!current.isEmpty() && box->findText(current) < 0)
        box->addItem(current);
    box->setCurrentText(current);
}

void VariableBar::showValue(const QString &name, const QString &value)
{
    if (QComboBox *box = m_boxes.value(name))
        box->setCurrentText(value);
}

void VariableBar::fillMenu(const QString &name, const QStringList &options)
{
    QToolButton *button = m_multi.value(name);
    const auto it = std::find_if(m_variables.cbegin(), m_variables.cend(),
                                 [&name](const Variable &v) { return v.name == name; });
    if (!button || it == m_variables.cend())
        return;
    QMenu *menu = button->menu();
    menu->clear();
    const QStringList selected = m_selected.contains(name) ? m_selected.value(name) : it->selected;
    auto add = [menu, &selected](const QString &text, const QString &value) {
        QAction *a = menu->addAction(text);
        a->setCheckable(true);
        a->setChecked(selected.contains(value));
        a->setData(value);
    };
    if (it->includeAll)
        add(tr("All"), QString::fromLatin1(Variable::kAll));
    for (const QString &o : options)
        add(o, o);
    disconnect(menu, &QMenu::triggered, this, nullptr); // refilled when the options arrive
    connect(menu, &QMenu::triggered, this, [this, name, menu](QAction *changed) {
        QStringList chosen;
        const bool all = changed->data().toString() == QLatin1String(Variable::kAll) && changed->isChecked();
        for (QAction *a : menu->actions()) {
            // "All" replaces the single choices, and a single choice replaces "All".
            if ((all && a != changed) || (!all && a->data().toString() == QLatin1String(Variable::kAll)))
                a->setChecked(false);
            if (a->isChecked())
                chosen << a->data().toString();
        }
        setSelection(name, chosen);
    });
    setSelection(name, selected, false);
}

void VariableBar::setSelection(const QString &name, const QStringList &values, bool byUser)
{
    QToolButton *button = m_multi.value(name);
    const auto it = std::find_if(m_variables.cbegin(), m_variables.cend(),
                                 [&name](const Variable &v) { return v.name == name; });
    if (!button || it == m_variables.cend())
        return;
    m_selected.insert(name, values);
    Variable chosen = *it;
    chosen.selected = values;
    QStringList options;
    for (QAction *a : button->menu()->actions()) {
        if (a->data().toString() != QLatin1String(Variable::kAll))
            options << a->data().toString();
    }
    if (!options.isEmpty())
        chosen.options = options;
    button->setText(values.contains(QLatin1String(Variable::kAll)) ? tr("All")
                    : values.isEmpty()                             ? tr("(none)")
                                                                   : values.join(QStringLiteral(", ")));
    emit valueChanged(name, chosen.value(), byUser);
}

} // namespace Sitrep::Ui
