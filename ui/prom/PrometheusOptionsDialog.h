#pragma once

#include "core/Environment.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QStringListModel;

namespace Sitrep::Ui {

// The Prometheus connection as Grafana's data source settings have it, for one environment: TLS (CA file,
// client certificate and key, server name, skip-verify with a warning), basic auth user (the password goes
// in the token field of the Connections dialog) and custom headers whose values are typed here and go to
// the keychain. Edits a copy; the caller takes environment() and the typed secrets on accept.
class PrometheusOptionsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit PrometheusOptionsDialog(const Sitrep::Core::Environment &environment, QWidget *parent = nullptr);

    Sitrep::Core::Environment environment() const;
    // Header values typed here: keychain entry -> value.
    QHash<QString, QString> secrets() const { return m_secrets; }
    void accept() override;

private:
    QLineEdit *fileField(const QString &objectName, const QString &placeholder);
    QWidget *withBrowse(QLineEdit *field);
    void addHeader();
    void removeHeader();

    Sitrep::Core::Environment m_environment;
    QLineEdit *m_ca;
    QLineEdit *m_cert;
    QLineEdit *m_key;
    QLineEdit *m_serverName;
    QCheckBox *m_skipVerify;
    QLabel *m_skipWarning;
    QLineEdit *m_user;
    QStringListModel *m_headers;
    QListView *m_headerList;
    QLineEdit *m_headerName;
    QLineEdit *m_headerValue;
    QLabel *m_error;
    QHash<QString, QString> m_secrets;
};

} // namespace Sitrep::Ui
