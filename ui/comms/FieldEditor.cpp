#include "FieldEditor.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace Sitrep::Ui {

FieldEditor::FieldEditor(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
{
    // The form keeps its natural height at the top; spare room stays below it.
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(m_form);
    outer->addStretch(1);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

void FieldEditor::setTemplate(const Sitrep::Comms::UpdateTemplate &t,
                              const Sitrep::Comms::FieldValues &values)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_editors.clear();
    m_order.clear();
    for (const auto &f : t.fields()) {
        QWidget *w = nullptr;
        if (f.multiline) {
            auto *edit = new QPlainTextEdit(this);
            edit->setTabChangesFocus(true); // keyboard users move on with Tab
            edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 12);
            connect(edit, &QPlainTextEdit::textChanged, this, &FieldEditor::valuesChanged);
            w = edit;
        } else {
            auto *edit = new QLineEdit(this);
            connect(edit, &QLineEdit::textChanged, this, &FieldEditor::valuesChanged);
            w = edit;
        }
        w->setObjectName(QStringLiteral("field_") + f.key);
        if (Sitrep::Comms::DraftFiller::isAutoField(f.key))
            w->setToolTip(QStringLiteral("Filled from the incident; edit to override."));
        else if (!f.defaultValue.isEmpty())
            w->setToolTip(QStringLiteral("Default: ") + f.defaultValue);
        auto *label = new QLabel(f.label + QLatin1Char(':'), this);
        label->setBuddy(w);
        m_form->addRow(label, w);
        m_editors.insert(f.key, w);
        m_order << f.key;
    }
    setValues(values);
}

void FieldEditor::setValue(const QString &key, const QString &value)
{
    QWidget *w = m_editors.value(key);
    if (auto *line = qobject_cast<QLineEdit *>(w); line && line->text() != value)
        line->setText(value);
    else if (auto *text = qobject_cast<QPlainTextEdit *>(w); text && text->toPlainText() != value)
        text->setPlainText(value);
}

void FieldEditor::setValues(const Sitrep::Comms::FieldValues &values)
{
    {
        // One change signal for the whole form, not one per field.
        const QSignalBlocker block(this);
        for (const auto &key : m_order)
            setValue(key, values.value(key));
    }
    emit valuesChanged();
}

Sitrep::Comms::FieldValues FieldEditor::values() const
{
    Sitrep::Comms::FieldValues out;
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it) {
        if (auto *line = qobject_cast<QLineEdit *>(it.value()))
            out.insert(it.key(), line->text());
        else if (auto *text = qobject_cast<QPlainTextEdit *>(it.value()))
            out.insert(it.key(), text->toPlainText());
    }
    return out;
}

} // namespace Sitrep::Ui
