#pragma once

#include "core/Result.h"

#include <QString>

class QSqlError;

namespace Sitrep::Team {

class ServerUrl;

// Turns what libpq and the server said into a sentence that names the problem and what to do about it
// (wrong password, unknown host, certificate mismatch, no schema ...). `where` is the server's display().
namespace ServerErrors {

Core::Error connectFailed(const ServerUrl &url, const QSqlError &error);
Core::Error queryFailed(const ServerUrl &url, const QString &what, const QSqlError &error);
// The connection itself is gone (server stopped, network down): reconnecting may help. Otherwise the
// server refused the statement (privileges, constraint) and retrying the same thing will not.
bool isConnectionLost(const QSqlError &error);
// SQLSTATE 42501: the role lacks a privilege.
bool isPermissionDenied(const QSqlError &error);
// libpq's own text without Qt's prefix and the trailing "(SQLSTATE)".
QString serverText(const QSqlError &error);

} // namespace ServerErrors

} // namespace Sitrep::Team
