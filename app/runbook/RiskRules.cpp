#include "runbook/RiskRules.h"

#include <QHash>
#include <QSet>

namespace Sitrep::Runbook {

namespace {

QRegularExpression re(const char *pattern)
{
    return QRegularExpression(QString::fromLatin1(pattern), QRegularExpression::CaseInsensitiveOption);
}

// Options are case-sensitive (curl -f is not curl -F), so rules are too.
RiskRule rule(const char *tool, const char *pattern, Risk risk)
{
    return RiskRule{QString::fromLatin1(tool), QRegularExpression(QString::fromLatin1(pattern)), risk};
}

} // namespace

const QList<RiskRule> &RiskRules::rules()
{
    static const QList<RiskRule> table = {
        // kubectl: a dry run persists nothing; then destructive before change ("scale --replicas=0" over
        // "scale").
        rule("kubectl", "(^|\\s)--dry-run(=client|=server)?(\\s|$)", Risk::Read),
        rule("kubectl", "^delete\\b", Risk::Destructive),
        rule("kubectl", "^scale\\b.*--replicas(=|\\s+)0(\\s|$)", Risk::Destructive),
        rule("kubectl", "^rollout\\s+undo\\b", Risk::Destructive),
        rule("kubectl", "^drain\\b", Risk::Destructive),
        rule("kubectl", "^edit\\b", Risk::Destructive),
        rule("kubectl", "^patch\\b", Risk::Destructive),
        rule("kubectl", "^set\\s+(image|resources)\\b", Risk::Destructive),
        rule("kubectl", "^replace\\b", Risk::Destructive),
        rule("kubectl", "^taint\\b", Risk::Destructive),
        rule("kubectl",
             "^(get|describe|logs|top|events|explain|api-resources|api-versions|version|cluster-info|wait|"
             "diff|"
             "port-forward|auth\\s+can-i|config\\s+(view|get-contexts|current-context))\\b",
             Risk::Read),
        rule("kubectl", "^rollout\\s+(status|history)\\b", Risk::Read),
        rule("kubectl", "^rollout\\s+(restart|pause|resume)\\b", Risk::Change),
        rule("kubectl",
             "^(scale|set|annotate|label|apply|create|expose|autoscale|cordon|uncordon|cp|run|debug|"
             "attach|exec|proxy|config)\\b",
             Risk::Change),
        // helm
        rule("helm",
             "^(list|ls|status|history|get|show|search|template|lint|version|diff|env|repo\\s+list)\\b",
             Risk::Read),
        rule("helm", "^(rollback|uninstall|delete|del)\\b", Risk::Destructive),
        // docker / podman
        rule("docker", "^(ps|logs|inspect|images|stats|top|version|info|events|history)\\b", Risk::Read),
        rule("docker",
             "^(rm|rmi|kill|stop|system\\s+prune|volume\\s+rm|image\\s+prune|container\\s+prune)\\b",
             Risk::Destructive),
        rule("podman", "^(ps|logs|inspect|images|stats|top|version|info|events|history)\\b", Risk::Read),
        rule("podman", "^(rm|rmi|kill|stop|system\\s+prune)\\b", Risk::Destructive),
        // systemd
        rule("systemctl", "^(status|is-active|is-enabled|is-failed|list-units|list-timers|show|cat)\\b",
             Risk::Read),
        rule("systemctl", "^(stop|disable|mask|kill|reboot|poweroff|halt)\\b", Risk::Destructive),
        // curl: the method decides; -I and plain GET read.
        rule("curl", "(^|\\s)(-X|--request)\\s*(DELETE|delete)\\b", Risk::Destructive),
        rule("curl", "(^|\\s)(-X|--request)\\s*(POST|PUT|PATCH|post|put|patch)\\b", Risk::Change),
        rule("curl", "(^|\\s)(-d|--data\\S*|-F|--form|-T|--upload-file|--json)(\\s|=|$)", Risk::Change),
        rule("wget", "--(post-data|post-file|method)", Risk::Change),
        // file tools that read unless told to write
        rule("sed", "(^|\\s)(-i|--in-place)", Risk::Change),
        rule("find", "(^|\\s)(-delete|-exec\\s+rm)\\b", Risk::Destructive),
        rule("git", "^(status|log|diff|show|blame|branch|remote|fetch)\\b", Risk::Read),
        rule("git", "^(reset|clean|push\\s+.*--force|checkout\\s+--)\\b", Risk::Destructive),
        rule("patronictl", "^(list|show-config|history|version|topology)\\b", Risk::Read),
        // Any tool: failing over a primary is never routine.
        rule("*", "\\b([Ff]ailover|[Ss]witchover|FAILOVER|SWITCHOVER)\\b", Risk::Destructive),
    };
    return table;
}

const QList<InteractiveRule> &RiskRules::interactiveRules()
{
    static const QList<InteractiveRule> table = {
        {QStringLiteral("kubectl"), re("(^|\\s)(-it|-ti|--tty(=true)?|-t)(\\s|$)")},
        {QStringLiteral("kubectl"), re("^(logs|attach)\\b.*(\\s)(-f|--follow(=true)?)(\\s|$)")},
        {QStringLiteral("kubectl"), re("^(get|rollout)\\b.*\\s(-w|--watch(=true)?|--watch-only)(\\s|$)")},
        {QStringLiteral("kubectl"), re("^(edit|port-forward|proxy|attach)\\b")},
        {QStringLiteral("docker"), re("(^|\\s)(-it|-ti|-t|--tty)(\\s|$)")},
        {QStringLiteral("docker"), re("^logs\\b.*\\s(-f|--follow)(\\s|$)")},
        {QStringLiteral("podman"), re("(^|\\s)(-it|-ti|-t|--tty)(\\s|$)")},
        {QStringLiteral("tail"), re("(^|\\s)(-f|-F|--follow)")},
        {QStringLiteral("journalctl"), re("(^|\\s)(-f|--follow)(\\s|$)")},
        {QStringLiteral("watch"), re(".")},
        {QStringLiteral("top"), re("^(?!.*(-b|-n)\\b)")},
        {QStringLiteral("htop"), re("")},
        {QStringLiteral("less"), re("")},
        {QStringLiteral("more"), re("")},
        {QStringLiteral("vi"), re("")},
        {QStringLiteral("vim"), re("")},
        {QStringLiteral("nano"), re("")},
        {QStringLiteral("telnet"), re("")},
        {QStringLiteral("ping"), re("^(?!.*(^|\\s)-c\\s*\\d)")},
        {QStringLiteral("ssh"), re("^(\\S+|(-\\w+\\s+\\S+\\s+)*\\S+)$")},
        {QStringLiteral("psql"), re("^(?!.*(^|\\s)(-c|--command|-f|--file|-l|--list)(\\s|=|$))")},
        {QStringLiteral("mysql"), re("^(?!.*(^|\\s)(-e|--execute)(\\s|=|$))")},
        {QStringLiteral("kafka-console-consumer"), re("")},
    };
    return table;
}

std::optional<Risk> RiskRules::toolRisk(const QString &tool)
{
    static const QSet<QString> read = {
        QStringLiteral("grep"),       QStringLiteral("egrep"),      QStringLiteral("fgrep"),
        QStringLiteral("head"),       QStringLiteral("tail"),       QStringLiteral("cat"),
        QStringLiteral("less"),       QStringLiteral("more"),       QStringLiteral("jq"),
        QStringLiteral("yq"),         QStringLiteral("base64"),     QStringLiteral("sleep"),
        QStringLiteral("echo"),       QStringLiteral("printf"),     QStringLiteral("ls"),
        QStringLiteral("pwd"),        QStringLiteral("ps"),         QStringLiteral("df"),
        QStringLiteral("du"),         QStringLiteral("free"),       QStringLiteral("uptime"),
        QStringLiteral("hostname"),   QStringLiteral("whoami"),     QStringLiteral("id"),
        QStringLiteral("date"),       QStringLiteral("wc"),         QStringLiteral("sort"),
        QStringLiteral("uniq"),       QStringLiteral("cut"),        QStringLiteral("awk"),
        QStringLiteral("sed"),        QStringLiteral("tr"),         QStringLiteral("column"),
        QStringLiteral("pg_isready"), QStringLiteral("nslookup"),   QStringLiteral("dig"),
        QStringLiteral("host"),       QStringLiteral("ping"),       QStringLiteral("traceroute"),
        QStringLiteral("mtr"),        QStringLiteral("netstat"),    QStringLiteral("ss"),
        QStringLiteral("ab"),         QStringLiteral("hey"),        QStringLiteral("wrk"),
        QStringLiteral("curl"),       QStringLiteral("wget"),       QStringLiteral("top"),
        QStringLiteral("htop"),       QStringLiteral("journalctl"), QStringLiteral("watch"),
        QStringLiteral("test"),       QStringLiteral("["),          QStringLiteral("true"),
        QStringLiteral("false"),      QStringLiteral("printenv"),   QStringLiteral("which"),
        QStringLiteral("stat"),       QStringLiteral("find"),       QStringLiteral("openssl"),
        QStringLiteral("nc"),         QStringLiteral("telnet"),     QStringLiteral("vmstat"),
        QStringLiteral("iostat"),     QStringLiteral("lsof"),       QStringLiteral("dmesg"),
        QStringLiteral("uname"),      QStringLiteral("env"),        QStringLiteral("xxd"),
        QStringLiteral("md5sum"),     QStringLiteral("sha256sum"),  QStringLiteral("tee"),
        QStringLiteral("zcat"),       QStringLiteral("diff"),       QStringLiteral("ssh-keyscan"),
        QStringLiteral("kubectx"),    QStringLiteral("pg_dump"),    QStringLiteral("redis-benchmark"),
        QStringLiteral("promtool"),   QStringLiteral("amtool"),
    };
    static const QSet<QString> destructive = {
        QStringLiteral("rm"),       QStringLiteral("rmdir"),    QStringLiteral("reboot"),
        QStringLiteral("shutdown"), QStringLiteral("poweroff"), QStringLiteral("halt"),
        QStringLiteral("kill"),     QStringLiteral("pkill"),    QStringLiteral("killall"),
        QStringLiteral("dd"),       QStringLiteral("mkfs"),     QStringLiteral("truncate"),
        QStringLiteral("shred"),    QStringLiteral("dropdb"),   QStringLiteral("wipefs"),
        QStringLiteral("iptables"),
    };
    if (read.contains(tool))
        return Risk::Read;
    if (destructive.contains(tool))
        return Risk::Destructive;
    return std::nullopt;
}

QStringList RiskRules::globalOptionsWithValue(const QString &tool)
{
    if (tool == QLatin1String("kubectl") || tool == QLatin1String("oc"))
        return {
            QStringLiteral("-n"),           QStringLiteral("--namespace"),       QStringLiteral("--context"),
            QStringLiteral("--kubeconfig"), QStringLiteral("--cluster"),         QStringLiteral("--user"),
            QStringLiteral("-s"),           QStringLiteral("--server"),          QStringLiteral("--token"),
            QStringLiteral("--as"),         QStringLiteral("--request-timeout"), QStringLiteral("-v")};
    if (tool == QLatin1String("helm"))
        return {QStringLiteral("-n"), QStringLiteral("--namespace"), QStringLiteral("--kube-context"),
                QStringLiteral("--kubeconfig")};
    if (tool == QLatin1String("docker") || tool == QLatin1String("podman"))
        return {QStringLiteral("-H"), QStringLiteral("--host"), QStringLiteral("--context"),
                QStringLiteral("-c")};
    if (tool == QLatin1String("git"))
        return {QStringLiteral("-C"), QStringLiteral("-c")};
    if (tool == QLatin1String("systemctl"))
        return {QStringLiteral("-H"), QStringLiteral("--host"), QStringLiteral("-M")};
    return {};
}

const QList<QPair<QRegularExpression, Risk>> &RiskRules::sqlKeywords()
{
    // First match wins: destructive words before changing ones; anything else (SELECT, SHOW,
    // EXPLAIN without ANALYZE) reads.
    static const QList<QPair<QRegularExpression, Risk>> table = {
        {re("\\b(DROP|TRUNCATE|DELETE|pg_terminate_backend|VACUUM\\s+FULL)\\b"), Risk::Destructive},
        {re("\\b(INSERT|UPDATE|ALTER|CREATE|GRANT|REVOKE|pg_cancel_backend|pg_reload_conf|REINDEX|VACUUM|"
            "COPY|"
            "CALL|LOCK|CLUSTER|REFRESH|COMMENT\\s+ON|SET|RESET|KILL|RELOAD|PAUSE|RESUME|SHUTDOWN|DISABLE|"
            "ENABLE)\\b"),
         Risk::Change},
    };
    return table;
}

std::optional<Risk> RiskRules::redisCommandRisk(const QString &command)
{
    static const QSet<QString> read = {
        QStringLiteral("PING"),    QStringLiteral("INFO"),      QStringLiteral("GET"),
        QStringLiteral("MGET"),    QStringLiteral("LLEN"),      QStringLiteral("LRANGE"),
        QStringLiteral("LINDEX"),  QStringLiteral("HGET"),      QStringLiteral("HGETALL"),
        QStringLiteral("HLEN"),    QStringLiteral("HKEYS"),     QStringLiteral("SMEMBERS"),
        QStringLiteral("SCARD"),   QStringLiteral("ZRANGE"),    QStringLiteral("ZCARD"),
        QStringLiteral("ZSCORE"),  QStringLiteral("KEYS"),      QStringLiteral("SCAN"),
        QStringLiteral("TTL"),     QStringLiteral("PTTL"),      QStringLiteral("EXISTS"),
        QStringLiteral("TYPE"),    QStringLiteral("DBSIZE"),    QStringLiteral("SLOWLOG"),
        QStringLiteral("XLEN"),    QStringLiteral("XRANGE"),    QStringLiteral("STRLEN"),
        QStringLiteral("MONITOR"), QStringLiteral("SUBSCRIBE"), QStringLiteral("MEMORY"),
        QStringLiteral("LATENCY"), QStringLiteral("ROLE"),      QStringLiteral("CLIENT"),
        QStringLiteral("CONFIG"),  QStringLiteral("CLUSTER"),   QStringLiteral("TIME"),
    };
    static const QSet<QString> destructive = {
        QStringLiteral("FLUSHDB"), QStringLiteral("FLUSHALL"),  QStringLiteral("DEL"),
        QStringLiteral("UNLINK"),  QStringLiteral("SHUTDOWN"),  QStringLiteral("FAILOVER"),
        QStringLiteral("DEBUG"),   QStringLiteral("REPLICAOF"), QStringLiteral("SLAVEOF"),
    };
    const QString c = command.toUpper();
    if (destructive.contains(c))
        return Risk::Destructive;
    if (read.contains(c))
        return Risk::Read;
    if (c.isEmpty())
        return std::nullopt;
    return Risk::Change;
}

QStringList RiskRules::redisOptionsWithValue()
{
    return {QStringLiteral("-h"),     QStringLiteral("-p"),       QStringLiteral("-a"),
            QStringLiteral("-n"),     QStringLiteral("-u"),       QStringLiteral("-r"),
            QStringLiteral("-i"),     QStringLiteral("-s"),       QStringLiteral("--user"),
            QStringLiteral("--pass"), QStringLiteral("--cacert"), QStringLiteral("--cert"),
            QStringLiteral("--key"),  QStringLiteral("--sni"),    QStringLiteral("-d")};
}

} // namespace Sitrep::Runbook
