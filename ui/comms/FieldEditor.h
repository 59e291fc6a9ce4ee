#pragma once

#include "comms/DraftFiller.h"
#include "comms/UpdateTemplate.h"

#include <QHash>
#include <QWidget>

class QFormLayout;

namespace Sitrep::Ui {

// The fields of one template as a form: a line edit per short field, a small text box per multi-line one.
// Fields the incident fills itself say so in their tooltip.
class FieldEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit FieldEditor(QWidget *parent = nullptr);

    void setTemplate(const Sitrep::Comms::UpdateTemplate &t, const Sitrep::Comms::FieldValues &values);
    void setValues(const Sitrep::Comms::FieldValues &values);
    Sitrep::Comms::FieldValues values() const;
    QWidget *editor(const QString &key) const { return m_editors.value(key); }
    void setValue(const QString &key, const QString &value);

signals:
    void valuesChanged();

private:
    QFormLayout *m_form;
    QHash<QString, QWidget *> m_editors;
    QStringList m_order;
};

} // namespace Sitrep::Ui
