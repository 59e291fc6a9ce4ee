#include "VariableBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
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
    m_variables.clear();
    m_boxes.clear();
    m_multi.clear();
    m_labels.clear();
    m_selected.clear();
    for (const Variable &v : variables) {
        m_variables.insert(v.name, v);
        if (v.type == Variable::Type::Constant || v.type == Variable::Type::AdHoc || v.hidden)
            continue;
        auto *label = new QLabel(v.label, this);
        layout()->addWidget(label);
        m_labels.insert(v.name, label);
        if (v.type == Variable::Type::Datasource) {
            auto *fixed = new QLabel(QStringLiteral("<i>%1</i>").arg(v.current.toHtmlEscaped()), this);
            fixed->setToolTip(tr("The environment's Prometheus"));
            layout()->addWidget(fixed);
            continue;
        }
        if (v.multi) {
            auto *button = new QToolButton(this);
            button->setPopupMode(QToolButton::InstantPopup);
            button->setMenu(new QMenu(button));
            button->setAccessibleName(v.label);
            label->setBuddy(button);
            layout()->addWidget(button);
            m_multi.insert(v.name, button);
            fillMenu(v, v.selected);
            continue;
        }
        auto *box = new QComboBox(this);
        box->setEditable(v.type == Variable::Type::Query || v.type == Variable::Type::TextBox);
        box->setAccessibleName(v.label);
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        box->setMaximumWidth(260);
        label->setBuddy(box);
        layout()->addWidget(box);
        m_boxes.insert(v.name, box);
        fillBox(v);
        const QString name = v.name;
        connect(box, &QComboBox::activated, this, [this, name, box](int index) {
            if (m_filling)
                return;
            const QVariant data = box->itemData(index);
            emit valueChanged(name, {data.isValid() ? data.toString() : box->itemText(index)}, true);
        });
        if (box->isEditable()) {
            connect(box->lineEdit(), &QLineEdit::editingFinished, this, [this, name, box] {
                if (!m_filling && box->findText(box->currentText()) < 0)
                    emit valueChanged(name, {box->currentText()}, true);
            });
        }
    }
}

void VariableBar::fillBox(const Variable &v)
{
    QComboBox *box = m_boxes.value(v.name);
    if (!box)
        return;
    m_filling = true;
    box->clear();
    if (v.includeAll)
        box->addItem(tr("All"), QString::fromLatin1(Variable::kAll));
    for (int i = 0; i < v.options.size(); ++i) {
        const QString &o = v.options[i];
        if (o == QLatin1String(Variable::kAuto))
            box->addItem(tr("auto"), o);
        else
            box->addItem(v.optionTexts.value(i, o), o);
    }
    const QString current = v.isAll() ? QString::fromLatin1(Variable::kAll) : v.value();
    int index = box->findData(current);
    if (index < 0 && !current.isEmpty()) {
        box->addItem(current, current);
        index = box->count() - 1;
    }
    box->setCurrentIndex(index);
    m_filling = false;
}

void VariableBar::updateVariable(const Variable &v)
{
    m_variables.insert(v.name, v);
    if (m_multi.contains(v.name))
        fillMenu(v, v.selected);
    else
        fillBox(v);
}

void VariableBar::setError(const QString &name, const QString &sentence)
{
    QLabel *label = m_labels.value(name);
    if (!label)
        return;
    const QString title = m_variables.value(name).label;
    label->setText(sentence.isEmpty() ? title : QStringLiteral("⚠ ") + title);
    label->setToolTip(sentence);
    if (QWidget *selector = label->buddy())
        selector->setToolTip(sentence);
}

void VariableBar::showValue(const QString &name, const QString &value)
{
    if (QComboBox *box = m_boxes.value(name)) {
        m_filling = true;
        int index = box->findData(value);
        if (index < 0)
            index = box->findText(value);
        if (index < 0) {
            box->addItem(value, value);
            index = box->count() - 1;
        }
        box->setCurrentIndex(index);
        m_filling = false;
    }
}

void VariableBar::fillMenu(const Variable &v, const QStringList &selected)
{
    QToolButton *button = m_multi.value(v.name);
    if (!button)
        return;
    QMenu *menu = button->menu();
    menu->clear();
    auto add = [menu, &selected](const QString &text, const QString &value) {
        QAction *a = menu->addAction(text);
        a->setCheckable(true);
        a->setChecked(selected.contains(value));
        a->setData(value);
    };
    if (v.includeAll)
        add(tr("All"), QString::fromLatin1(Variable::kAll));
    for (int i = 0; i < v.options.size(); ++i)
        add(v.optionTexts.value(i, v.options[i]), v.options[i]);
    const QString name = v.name;
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
    m_selected.insert(name, selected);
    button->setText(selected.contains(QLatin1String(Variable::kAll)) ? tr("All")
                    : selected.isEmpty()                             ? tr("(none)")
                                                                     : selected.join(QStringLiteral(", ")));
}

void VariableBar::setSelection(const QString &name, const QStringList &values, bool byUser)
{
    QToolButton *button = m_multi.value(name);
    if (!button)
        return;
    m_selected.insert(name, values);
    for (QAction *a : button->menu()->actions())
        a->setChecked(values.contains(a->data().toString()));
    button->setText(values.contains(QLatin1String(Variable::kAll)) ? tr("All")
                    : values.isEmpty()                             ? tr("(none)")
                                                                   : values.join(QStringLiteral(", ")));
    emit valueChanged(name, values, byUser);
}

} // namespace Sitrep::Ui
