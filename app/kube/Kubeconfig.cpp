#include "kube/Kubeconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

namespace Sitrep::Kube {

using Core::Error;
using Core::makeError;
using Core::Result;

namespace {

// Thrown only inside this file and caught in Kubeconfig::parse: yaml-cpp reports by exception too.
struct FieldError
{
    QString message;
    QString field;
    int line; // 1-based, 0 when unknown
};

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

int lineOf(const YAML::Node &n)
{
    const YAML::Mark m = n.Mark();
    return m.line >= 0 ? m.line + 1 : 0;
}

class Reader
{
public:
    explicit Reader(QString fileName)
        : m_file(std::move(fileName))
        , m_dir(QFileInfo(m_file).absolutePath())
    {}

    QString scalar(const YAML::Node &map, const char *key, const QString &path) const
    {
        const YAML::Node n = map[key];
        if (!n || n.IsNull())
            return {};
        if (!n.IsScalar())
            throw FieldError{QStringLiteral("must be a string"), path + QLatin1Char('.') + QLatin1String(key),
                             lineOf(n)};
        return qs(n.Scalar());
    }

    bool boolean(const YAML::Node &map, const char *key, const QString &path) const
    {
        const QString v = scalar(map, key, path).toLower();
        if (v.isEmpty() || v == QLatin1String("false"))
            return false;
        if (v == QLatin1String("true"))
            return true;
        throw FieldError{QStringLiteral("must be true or false, not \"%1\"").arg(v),
                         path + QLatin1Char('.') + QLatin1String(key), lineOf(map[key])};
    }

    QByteArray base64(const YAML::Node &map, const char *key, const QString &path) const
    {
        const QString v = scalar(map, key, path);
        if (v.isEmpty())
            return {};
        auto decoded =
            QByteArray::fromBase64Encoding(v.toLatin1().trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            throw FieldError{QStringLiteral("is not valid base64"),
                             path + QLatin1Char('.') + QLatin1String(key), lineOf(map[key])};
        return *decoded;
    }

    QString path(const YAML::Node &map, const char *key, const QString &field) const
    {
        const QString v = scalar(map, key, field);
        if (v.isEmpty())
            return {};
        QString p = v;
        if (p.startsWith(QLatin1String("~/")))
            p = QDir::homePath() + p.mid(1);
        return QDir::isAbsolutePath(p) ? QDir::cleanPath(p) : QDir::cleanPath(m_dir + QLatin1Char('/') + p);
    }

    // A list of {name: x, <inner>: {...}} entries; calls fn(name, innerMap, fieldPath) for each.
    template<typename Fn>
    void namedList(const YAML::Node &root, const char *key, const char *inner, Fn fn) const
    {
        const YAML::Node list = root[key];
        if (!list || list.IsNull())
            return;
        if (!list.IsSequence())
            throw FieldError{QStringLiteral("must be a list"), QLatin1String(key), lineOf(list)};
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node entry = list[i];
            const QString at = QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(i);
            if (!entry.IsMap())
                throw FieldError{
                    QStringLiteral("must be a mapping with name and %1").arg(QLatin1String(inner)), at,
                    lineOf(entry)};
            const QString name = scalar(entry, "name", at);
            if (name.isEmpty())
                throw FieldError{QStringLiteral("has no name"), at, lineOf(entry)};
            const YAML::Node body = entry[inner];
            const QString bodyPath = at + QLatin1Char('.') + QLatin1String(inner);
            if (body && !body.IsNull() && !body.IsMap())
                throw FieldError{QStringLiteral("must be a mapping"), bodyPath, lineOf(body)};
            fn(name, body ? body : YAML::Node(YAML::NodeType::Map), bodyPath);
        }
    }

    ExecConfig exec(const YAML::Node &n, const QString &at) const
    {
        ExecConfig e;
        e.apiVersion = scalar(n, "apiVersion", at);
        e.command = scalar(n, "command", at);
        if (e.command.isEmpty())
            throw FieldError{QStringLiteral("has no command"), at, lineOf(n)};
        if (e.apiVersion != QLatin1String("client.authentication.k8s.io/v1") &&
            e.apiVersion != QLatin1String("client.authentication.k8s.io/v1beta1"))
            throw FieldError{
                QStringLiteral("apiVersion \"%1\" is not supported (use client.authentication.k8s.io/v1 "
                               "or v1beta1)")
                    .arg(e.apiVersion),
                at + QStringLiteral(".apiVersion"), lineOf(n["apiVersion"] ? n["apiVersion"] : n)};
        // A command with a slash is relative to the kubeconfig's folder, as in client-go.
        if (e.command.contains(QLatin1Char('/')) && !QDir::isAbsolutePath(e.command))
            e.command = QDir::cleanPath(m_dir + QLatin1Char('/') + e.command);
        if (const YAML::Node args = n["args"]; args && !args.IsNull()) {
            if (!args.IsSequence())
                throw FieldError{QStringLiteral("must be a list"), at + QStringLiteral(".args"),
                                 lineOf(args)};
            for (const auto &a : args)
                e.args << qs(a.as<std::string>());
        }
        if (const YAML::Node env = n["env"]; env && !env.IsNull()) {
            if (!env.IsSequence())
                throw FieldError{QStringLiteral("must be a list of {name, value}"),
                                 at + QStringLiteral(".env"), lineOf(env)};
            for (std::size_t i = 0; i < env.size(); ++i) {
                const QString ep = at + QStringLiteral(".env[%1]").arg(i);
                if (!env[i].IsMap())
                    throw FieldError{QStringLiteral("must be a mapping with name and value"), ep,
                                     lineOf(env[i])};
                e.env.append({scalar(env[i], "name", ep), scalar(env[i], "value", ep)});
            }
        }
        e.installHint = scalar(n, "installHint", at);
        e.provideClusterInfo = boolean(n, "provideClusterInfo", at);
        e.interactiveMode = scalar(n, "interactiveMode", at);
        return e;
    }

    const QString &file() const { return m_file; }

private:
    QString m_file;
    QString m_dir;
};

template<typename T> bool hasName(const QList<T> &list, const QString &name)
{
    return std::any_of(list.begin(), list.end(), [&](const T &t) { return t.name == name; });
}

template<typename T> const T *findName(const QList<T> &list, const QString &name)
{
    for (const T &t : list)
        if (t.name == name)
            return &t;
    return nullptr;
}

} // namespace

QStringList Kubeconfig::defaultFiles(const QProcessEnvironment &env)
{
    const QString list = env.value(QStringLiteral("KUBECONFIG"));
    if (!list.isEmpty()) {
        QStringList files;
        for (const QString &f : list.split(QLatin1Char(':'), Qt::SkipEmptyParts))
            if (!files.contains(f))
                files << f;
        return files;
    }
    QString home = env.value(QStringLiteral("HOME"));
    if (home.isEmpty())
        home = QDir::homePath();
    return {home + QStringLiteral("/.kube/config")};
}

Result<Kubeconfig> Kubeconfig::loadDefault(const QProcessEnvironment &env)
{
    return loadFiles(defaultFiles(env));
}

Result<Kubeconfig> Kubeconfig::load(const QString &path)
{
    return path.isEmpty() ? loadDefault() : loadFiles({path});
}

Result<Kubeconfig> Kubeconfig::loadFiles(const QStringList &files)
{
    Kubeconfig merged;
    bool any = false;
    for (const QString &name : files) {
        QFile f(name);
        if (!f.exists())
            continue; // kubectl skips missing entries of $KUBECONFIG
        if (!f.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("cannot read the kubeconfig: %1").arg(f.errorString()), name);
        auto one = parse(f.readAll(), name);
        if (!one)
            return one.error();
        merged.mergeFrom(*one);
        any = true;
    }
    if (!any)
        return makeError(
            QStringLiteral("no kubeconfig found (looked at %1); set KUBECONFIG or create ~/.kube/config")
                .arg(files.join(QStringLiteral(", "))));
    return merged;
}

Result<Kubeconfig> Kubeconfig::parse(const QByteArray &yaml, const QString &fileName)
{
    Kubeconfig cfg;
    cfg.m_files << fileName;
    Reader r(fileName);
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (!root || root.IsNull())
            return cfg; // an empty file is a valid, empty kubeconfig
        if (!root.IsMap())
            return makeError(
                QStringLiteral("the kubeconfig must be a YAML mapping (apiVersion, clusters, ...)"),
                QStringLiteral("%1:%2").arg(fileName).arg(lineOf(root)));
        const QString kind = r.scalar(root, "kind", QString());
        if (!kind.isEmpty() && kind != QLatin1String("Config"))
            throw FieldError{QStringLiteral("must be Config, not \"%1\"").arg(kind), QStringLiteral("kind"),
                             lineOf(root["kind"])};
        cfg.m_currentContext = r.scalar(root, "current-context", QString());

        r.namedList(root, "clusters", "cluster",
                    [&](const QString &name, const YAML::Node &n, const QString &at) {
                        ClusterInfo c;
                        c.name = name;
                        c.sourceFile = fileName;
                        c.server = r.scalar(n, "server", at);
                        c.certificateAuthority = r.path(n, "certificate-authority", at);
                        c.certificateAuthorityData = r.base64(n, "certificate-authority-data", at);
                        c.tlsServerName = r.scalar(n, "tls-server-name", at);
                        c.insecureSkipTlsVerify = r.boolean(n, "insecure-skip-tls-verify", at);
                        c.proxyUrl = r.scalar(n, "proxy-url", at);
                        if (!hasName(cfg.m_clusters, name))
                            cfg.m_clusters << c;
                    });
        r.namedList(root, "users", "user", [&](const QString &name, const YAML::Node &n, const QString &at) {
            AuthInfo u;
            u.name = name;
            u.sourceFile = fileName;
            u.token = r.scalar(n, "token", at);
            u.tokenFile = r.path(n, "tokenFile", at);
            u.clientCertificate = r.path(n, "client-certificate", at);
            u.clientCertificateData = r.base64(n, "client-certificate-data", at);
            u.clientKey = r.path(n, "client-key", at);
            u.clientKeyData = r.base64(n, "client-key-data", at);
            u.username = r.scalar(n, "username", at);
            u.password = r.scalar(n, "password", at);
            if (const YAML::Node e = n["exec"]; e && !e.IsNull()) {
                if (!e.IsMap())
                    throw FieldError{QStringLiteral("must be a mapping"), at + QStringLiteral(".exec"),
                                     lineOf(e)};
                u.exec = r.exec(e, at + QStringLiteral(".exec"));
            }
            if (const YAML::Node ap = n["auth-provider"]; ap && !ap.IsNull())
                throw FieldError{
                    QStringLiteral("auth-provider plugins were removed from kubectl; use an exec "
                                   "credential plugin instead"),
                    at + QStringLiteral(".auth-provider"), lineOf(ap)};
            if (!hasName(cfg.m_users, name))
                cfg.m_users << u;
        });
        r.namedList(root, "contexts", "context",
                    [&](const QString &name, const YAML::Node &n, const QString &at) {
                        ContextInfo c;
                        c.name = name;
                        c.sourceFile = fileName;
                        c.cluster = r.scalar(n, "cluster", at);
                        c.user = r.scalar(n, "user", at);
                        c.ns = r.scalar(n, "namespace", at);
                        if (!hasName(cfg.m_contexts, name))
                            cfg.m_contexts << c;
                    });
    } catch (const FieldError &e) {
        return makeError(QStringLiteral("%1 %2").arg(e.field, e.message),
                         e.line > 0 ? QStringLiteral("%1:%2").arg(fileName).arg(e.line) : fileName);
    } catch (const YAML::Exception &e) {
        const int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
        return makeError(QStringLiteral("is not valid YAML: %1").arg(qs(e.msg)),
                         line > 0 ? QStringLiteral("%1:%2").arg(fileName).arg(line) : fileName);
    }
    return cfg;
}

void Kubeconfig::mergeFrom(const Kubeconfig &other)
{
    if (m_currentContext.isEmpty())
        m_currentContext = other.m_currentContext;
    for (const auto &c : other.m_clusters)
        if (!hasName(m_clusters, c.name))
            m_clusters << c;
    for (const auto &u : other.m_users)
        if (!hasName(m_users, u.name))
            m_users << u;
    for (const auto &c : other.m_contexts)
        if (!hasName(m_contexts, c.name))
            m_contexts << c;
    m_files << other.m_files;
}

QStringList Kubeconfig::contextNames() const
{
    QStringList names;
    for (const auto &c : m_contexts)
        names << c.name;
    return names;
}

Result<ClusterConfig> Kubeconfig::resolve(const QString &contextName) const
{
    const QString name = contextName.isEmpty() ? m_currentContext : contextName;
    const QString files = m_files.join(QStringLiteral(", "));
    if (name.isEmpty())
        return makeError(QStringLiteral("current-context is not set; choose a context"), files);
    const ContextInfo *ctx = findName(m_contexts, name);
    if (!ctx)
        return makeError(QStringLiteral("context \"%1\" does not exist").arg(name), files);
    const ClusterInfo *cluster = findName(m_clusters, ctx->cluster);
    if (!cluster)
        return makeError(QStringLiteral("context \"%1\" names cluster \"%2\", which does not exist")
                             .arg(name, ctx->cluster),
                         ctx->sourceFile);
    if (cluster->server.isEmpty())
        return makeError(QStringLiteral("cluster \"%1\" has no server").arg(cluster->name),
                         cluster->sourceFile);
    ClusterConfig out;
    out.context = *ctx;
    out.cluster = *cluster;
    if (!ctx->user.isEmpty()) {
        const AuthInfo *user = findName(m_users, ctx->user);
        if (!user)
            return makeError(
                QStringLiteral("context \"%1\" names user \"%2\", which does not exist").arg(name, ctx->user),
                ctx->sourceFile);
        out.user = *user;
    }
    if (!ctx->ns.isEmpty())
        out.ns = ctx->ns;
    if (cluster->insecureSkipTlsVerify)
        out.warnings << QStringLiteral(
                            "TLS verification is disabled for cluster \"%1\" (insecure-skip-tls-verify): "
                            "anyone on the network path can read and change this traffic")
                            .arg(cluster->name);
    if (cluster->server.startsWith(QLatin1String("http://")))
        out.warnings << QStringLiteral("cluster \"%1\" is reached over plain http: credentials are not sent")
                            .arg(cluster->name);
    return out;
}

} // namespace Sitrep::Kube
