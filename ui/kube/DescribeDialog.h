#pragma once

#include <QDialog>
#include <QJsonObject>

class QPlainTextEdit;
class QComboBox;

namespace Sitrep::Ui {

// Shows one object as YAML or JSON (like kubectl get -o yaml|json), read-only and searchable with the
// keyboard.
class DescribeDialog final : public QDialog
{
    Q_OBJECT
public:
    DescribeDialog(const QString &title, const QJsonObject &object, QWidget *parent = nullptr);
    QString text() const;
    void setFormat(bool yaml);

private:
    QJsonObject m_object;
    QPlainTextEdit *m_text = nullptr;
    QComboBox *m_format = nullptr;
};

} // namespace Sitrep::Ui
