#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace Sitrep::Runbook {

// The database an environment names for its runbooks' SQL steps: a libpq URL (the password comes from the
// keychain for each run, never from the URL), or "through kubectl exec into pod X with psql" for databases
// that only the cluster reaches.
struct DatabaseTarget
{
    QString url;      // postgresql://user@host:port/dbname?sslmode=require
    QString password; // from the keychain, for this run only
    QString pod;      // "[namespace/]pod[:container]": psql runs there through kubectl exec

    struct Parts
    {
        QString user;
        QString host;
        int port = 5432;
        QString database;
        QStringList options; // libpq keywords: sslmode=require, target_session_attrs=read-write ...
    };

    bool isSet() const { return !url.isEmpty() || !pod.isEmpty(); }
    bool viaKubectl() const { return !pod.isEmpty(); }
    // "orders on db.prod:5432 as app", "psql in pod demo/postgres-0".
    QString describe() const;
    // What to type to confirm a destructive statement: the database's name (or the pod's).
    QString confirmWord() const;

    // Reads a postgres:// or postgresql:// URL; refuses a password in it (it belongs in the keychain).
    static Core::Result<Parts> parseUrl(const QString &url);
    Core::Result<void> validate() const;
    QString podNamespace() const;
    QString podName() const;
    QString podContainer() const;
};

} // namespace Sitrep::Runbook
