// The risk rules of runbook commands, as one table to read top to bottom.
//
// How a command is judged (RiskClassifier applies this file):
//  1. The command line is split into simple commands (pipes, &&, ;, $(...), heredoc bodies kept aside).
//     The riskiest simple command decides: `kubectl get pods -o name | xargs kubectl delete` is destructive.
//  2. Writing a file with a redirection (`> out.txt`, `>> log`, `&> f`) makes a command at least "change";
//     /dev/null, /dev/stdout, /dev/stderr and descriptors (`2>&1`) write nothing.
//  3. WRAPPERS below run another command (sudo, env X=1, timeout 10, nice, xargs, bash -c '...', watch,
//     ssh HOST '...', kubectl exec POD -- ..., find -exec ...): the inner command is judged instead.
//  4. A tool's RULES are tried in order over its arguments (after its global options, joined by spaces);
//     the first match decides. A rule with an empty pattern catches the tool's other verbs.
//  5. Cloud CLIs (aws, gcloud, az, doctl, hcloud) follow VERB CONVENTIONS: the first word of the command
//     path that is a known verb decides (describe-* reads, create-* changes, delete-* destroys).
//  6. HTTP clients are judged by method, database clients by their SQL, redis-cli by its command.
//  7. Programs with no verbs: the read-only and destructive lists of PROGRAMS WITHOUT VERBS, right after
//     the tool rules. Anything else is "change": an unknown program is never assumed to only read.
// Sections, in order: TOOL RULES, PROGRAMS WITHOUT VERBS, GLOBAL OPTIONS, WRAPPERS, CLOUD CLI VERB
// CONVENTIONS, HTTP, AWK, SQL, REDIS, TERMINAL. Every rule has a name; the tests
// (tests/unit/runbook/tst_riskclassifier.cpp) have a case for each.
//
// Levels: read (looks, changes nothing: runs at once, allowed in read-only mode), change (alters state
// that can be put back: asks first), destructive (deletes, stops, restarts or fails over something: the
// object's name must be typed to confirm).
#include "runbook/RiskRules.h"

#include <cstddef>

namespace Sitrep::Runbook {

namespace {

constexpr Risk Read = Risk::Read;
constexpr Risk Change = Risk::Change;
constexpr Risk Destructive = Risk::Destructive;

struct Row
{
    const char *name;
    const char *tools; // "a|b"
    const char *pattern;
    Risk risk;
};

QStringList tools(const char *t)
{
    return QString::fromLatin1(t).split(QLatin1Char('|'));
}

QRegularExpression re(const char *p, bool caseInsensitive = false)
{
    return QRegularExpression(QString::fromLatin1(p), caseInsensitive
                                                          ? QRegularExpression::CaseInsensitiveOption
                                                          : QRegularExpression::NoPatternOption);
}

// A table's column of names as a set or a list (the tables below are plain arrays, for reading).
template<std::size_t N> QSet<QString> setOf(const char *const (&names)[N])
{
    QSet<QString> out;
    for (const char *n : names)
        out.insert(QString::fromLatin1(n));
    return out;
}

template<std::size_t N> QStringList listOf(const char *const (&names)[N])
{
    QStringList out;
    for (const char *n : names)
        out << QString::fromLatin1(n);
    return out;
}

// clang-format off

// ---------------------------------------------------------------------------------------------------------
// TOOL RULES: name, tools, pattern over the arguments, risk. Options are case-sensitive (curl -f is not -F).
// ---------------------------------------------------------------------------------------------------------
const Row kRules[] = {
    // kubectl (exec, run and debug with a command after `--` are judged by that command: see WRAPPERS).
    {"kubectl dry run",               "kubectl|oc", R"((^|\s)--dry-run(=client|=server|=true)?(\s|$))", Read},
    {"kubectl delete",                "kubectl|oc", R"(^delete\b)", Destructive},
    {"kubectl scale to zero",         "kubectl|oc", R"(^scale\b.*\s--replicas(=|\s+)0(\s|$))", Destructive},
    {"kubectl rollout undo",          "kubectl|oc", R"(^rollout\s+undo\b)", Destructive},
    {"kubectl drain",                 "kubectl|oc", R"(^drain\b)", Destructive},
    {"kubectl edit",                  "kubectl|oc", R"(^edit\b)", Destructive},
    {"kubectl patch",                 "kubectl|oc", R"(^patch\b)", Destructive},
    {"kubectl set image/resources",   "kubectl|oc", R"(^set\s+(image|resources)\b)", Destructive},
    {"kubectl replace",               "kubectl|oc", R"(^replace\b)", Destructive},
    {"kubectl taint",                 "kubectl|oc", R"(^taint\b)", Destructive},
    {"kubectl apply --prune",         "kubectl|oc", R"(^apply\b.*\s--prune\b)", Destructive},
    {"kubectl config read",           "kubectl|oc", R"(^config\s+(view|get-contexts|get-clusters|get-users|current-context)\b)", Read},
    {"kubectl read verbs",            "kubectl|oc", R"(^(get|describe|logs|top|events|explain|api-resources|api-versions|version|cluster-info|wait|diff|port-forward|kustomize|completion|plugin\s+list|auth\s+(can-i|whoami))\b)", Read},
    {"kubectl rollout status/history","kubectl|oc", R"(^rollout\s+(status|history)\b)", Read},
    {"kubectl rollout restart",       "kubectl|oc", R"(^rollout\s+(restart|pause|resume)\b)", Change},
    {"kubectl other verbs",           "kubectl|oc", "", Change},

    // helm
    {"helm dry run",                  "helm", R"(^(install|upgrade|uninstall|rollback)\b.*\s--dry-run\b)", Read},
    {"helm rollback/uninstall",       "helm", R"(^(rollback|uninstall|delete|del|un)\b)", Destructive},
    {"helm read verbs",               "helm", R"(^(list|ls|status|history|hist|get|show|inspect|search|template|lint|version|diff|env|verify|repo\s+list|dep(endency)?\s+list|plugin\s+list)\b)", Read},
    {"helm other verbs",              "helm", "", Change},

    // docker, podman, nerdctl (exec and run --rm with a command: see WRAPPERS)
    {"docker read verbs",             "docker|podman|nerdctl", R"(^(ps|logs|inspect|images|stats|top|version|info|events|history|port|diff|search|compose\s+(ps|logs|config|top|images|ls|version)|(container|image|volume|network|system|context|node|service|stack)\s+(ls|list|inspect|df|ps|logs))\b)", Read},
    {"docker destructive verbs",      "docker|podman|nerdctl", R"(^(rm|rmi|kill|stop|compose\s+(down|rm|stop|kill)|(system|image|container|volume|network|builder)\s+prune|(volume|network|image|container|service|stack|node|secret|config)\s+rm|swarm\s+leave)\b)", Destructive},
    {"docker other verbs",            "docker|podman|nerdctl", "", Change},
    {"docker-compose read",           "docker-compose", R"(^(ps|logs|config|top|images|version)\b)", Read},
    {"docker-compose destructive",    "docker-compose", R"(^(down|rm|stop|kill)\b)", Destructive},
    {"docker-compose other",          "docker-compose", "", Change},

    // systemd and init scripts
    {"systemctl read",                "systemctl", R"(^(status|is-active|is-enabled|is-failed|is-system-running|list-units|list-unit-files|list-timers|list-sockets|list-dependencies|show|cat|--failed|--version)\b)", Read},
    {"systemctl stop",                "systemctl", R"(^(stop|disable|mask|kill|isolate|reboot|poweroff|halt|kexec|emergency|rescue)\b)", Destructive},
    {"systemctl other verbs",         "systemctl", "", Change},
    {"service status",                "service", R"(^(--status-all|\S+\s+status)\b)", Read},
    {"service stop",                  "service", R"(^\S+\s+stop\b)", Destructive},
    {"service other",                 "service", "", Change},
    {"journalctl vacuum",             "journalctl", R"(--vacuum-(size|time|files))", Destructive},
    {"journalctl rotate/flush",       "journalctl", R"((^|\s)--(rotate|flush|relinquish-var)(\s|$))", Change},
    {"journalctl read",               "journalctl", "", Read},
    {"timedatectl/hostnamectl read",  "timedatectl|hostnamectl|localectl", R"(^((status|show|list-timezones)\b.*)?$)", Read},
    {"timedatectl/hostnamectl set",   "timedatectl|hostnamectl|localectl", "", Change},

    // version control and infrastructure as code
    {"git read",                      "git", R"(^(status|log|diff|show|blame|branch\s*$|remote|fetch|rev-parse|describe|ls-files|grep|shortlog))", Read},
    {"git destructive",               "git", R"(^(reset|clean|push\s+.*(--force|\s-f\b)|checkout\s+--|branch\s+-D|stash\s+(drop|clear)))", Destructive},
    {"git other",                     "git", "", Change},
    {"terraform destroy",             "terraform|tofu", R"(^(destroy\b|apply\b.*\s-destroy\b|state\s+rm\b|workspace\s+delete\b|force-unlock\b))", Destructive},
    {"terraform read",                "terraform|tofu", R"(^(validate|plan|show|output|state\s+(list|show|pull)|graph|providers|version|workspace\s+(list|show))\b)", Read},
    {"terraform other",               "terraform|tofu", "", Change},

    // secrets, coordination and service discovery
    {"vault destructive",             "vault", R"(^(delete|kv\s+(delete|destroy|metadata\s+delete)|lease\s+revoke|token\s+revoke|operator\s+(seal|step-down|raft\s+remove-peer)|secrets\s+disable|auth\s+disable|policy\s+delete)\b)", Destructive},
    {"vault read",                    "vault", R"(^(read|list|status|version|kv\s+(get|list|metadata\s+get)|token\s+lookup|secrets\s+list|auth\s+list|policy\s+(read|list)|audit\s+list|operator\s+(raft\s+list-peers|members))\b)", Read},
    {"vault other",                   "vault", "", Change},
    {"etcdctl destructive",           "etcdctl", R"(^(del|member\s+remove|lease\s+revoke|snapshot\s+restore|alarm\s+disarm|compact(ion)?|user\s+delete|role\s+delete|auth\s+disable)\b)", Destructive},
    {"etcdctl read",                  "etcdctl", R"(^(get|endpoint\s+(health|status|hashkv)|member\s+list|alarm\s+list|version|check\s+perf|watch|user\s+(list|get)|role\s+(list|get)|lease\s+(list|timetolive)|snapshot\s+status)\b)", Read},
    {"etcdctl other",                 "etcdctl", "", Change},
    {"consul destructive",            "consul", R"(^(kv\s+delete|leave|force-leave|operator\s+raft\s+remove-peer|services\s+deregister|snapshot\s+restore)\b)", Destructive},
    {"consul read",                   "consul", R"(^(members|info|version|monitor|catalog\s+\S+|kv\s+(get|export)|operator\s+raft\s+list-peers|snapshot\s+inspect)\b)", Read},
    {"consul other",                  "consul", "", Change},

    // databases and their control tools (SQL itself: see SQL below)
    {"patronictl destructive",        "patronictl", R"(^(failover|switchover|reinit|restart|remove)\b)", Destructive},
    {"patronictl read",               "patronictl", R"(^(list|show-config|history|version|topology|dsn)\b)", Read},
    {"patronictl other",              "patronictl", "", Change},
    {"pg_ctl stop/restart/promote",   "pg_ctl|pg_ctlcluster", R"((^|\s)(stop|restart|kill|promote)(\s|$))", Destructive},
    {"pg_ctl status",                 "pg_ctl|pg_ctlcluster", R"((^|\s)status(\s|$))", Read},
    {"pg_ctl other",                  "pg_ctl|pg_ctlcluster", "", Change},
    {"pg_restore --clean",            "pg_restore", R"((^|\s)(-c|--clean|-[A-Za-z]*c[A-Za-z]*)(\s|$))", Destructive},
    {"pg_restore",                    "pg_restore", "", Change},
    {"pg_dump to a file",             "pg_dump|pg_dumpall", R"((^|\s)(-f|--file)(\s|=|$)|(^|\s)-f\S)", Change},
    {"pg_dump",                       "pg_dump|pg_dumpall|pg_basebackup", "", Read},
    {"mysqladmin destructive",        "mysqladmin", R"((^|\s)(kill|shutdown|drop)(\s|$))", Destructive},
    {"mysqladmin read",               "mysqladmin", R"((^|\s)(status|extended-status|processlist|variables|ping|version)(\s|$))", Read},
    {"mysqladmin other",              "mysqladmin", "", Change},

    // message brokers
    {"kafka-topics delete",           "kafka-topics|kafka-topics.sh", R"((^|\s)--delete(\s|$))", Destructive},
    {"kafka-topics read",             "kafka-topics|kafka-topics.sh", R"((^|\s)(--list|--describe)(\s|$))", Read},
    {"kafka-topics other",            "kafka-topics|kafka-topics.sh", "", Change},
    {"kafka-consumer-groups delete",  "kafka-consumer-groups|kafka-consumer-groups.sh", R"((^|\s)(--delete|--delete-offsets)(\s|$))", Destructive},
    {"kafka-consumer-groups reset",   "kafka-consumer-groups|kafka-consumer-groups.sh", R"(--reset-offsets\b.*(^|\s)--execute(\s|$)|(^|\s)--execute\b.*--reset-offsets\b)", Destructive},
    {"kafka-consumer-groups read",    "kafka-consumer-groups|kafka-consumer-groups.sh", R"((^|\s)(--list|--describe|--reset-offsets)(\s|$))", Read},
    {"kafka-consumer-groups other",   "kafka-consumer-groups|kafka-consumer-groups.sh", "", Change},
    {"kafka-configs read",            "kafka-configs|kafka-configs.sh", R"((^|\s)--describe(\s|$))", Read},
    {"kafka-configs other",           "kafka-configs|kafka-configs.sh", "", Change},
    {"rabbitmqctl destructive",       "rabbitmqctl", R"(^(purge_queue|delete_queue|delete_vhost|delete_user|stop|stop_app|reset|force_reset|forget_cluster_node|close_connection|close_all_connections|clear_policy)\b)", Destructive},
    {"rabbitmqctl read",              "rabbitmqctl", R"(^(list_\w+|status|cluster_status|environment|report|node_health_check|ping|version|await_startup)\b)", Read},
    {"rabbitmqctl other",             "rabbitmqctl", "", Change},
    {"rabbitmqadmin destructive",     "rabbitmqadmin", R"(^(delete|purge|close)\b)", Destructive},
    {"rabbitmqadmin read",            "rabbitmqadmin", R"(^(list|show)\b)", Read},
    {"rabbitmqadmin other",           "rabbitmqadmin", "", Change},

    // GitOps and mesh tools
    {"argocd destructive",            "argocd", R"(^(app\s+(delete|rollback|delete-resource)|cluster\s+rm|repo\s+rm|proj\s+delete)\b)", Destructive},
    {"argocd read",                   "argocd", R"(^(app\s+(get|list|diff|history|manifests|logs|resources|wait)|cluster\s+list|repo\s+list|proj\s+(get|list)|version|account\s+(get-user-info|list|get))\b)", Read},
    {"argocd other",                  "argocd", "", Change},
    {"flux destructive",              "flux", R"(^(delete|uninstall)\b)", Destructive},
    {"flux read",                     "flux", R"(^(get|logs|tree|trace|check|stats|export|diff|version|events)\b)", Read},
    {"flux other",                    "flux", "", Change},
    {"velero destructive",            "velero", R"(^((backup|restore|schedule)\s+)?(delete|uninstall)\b)", Destructive},
    {"velero read",                   "velero", R"(^((backup|restore|schedule)\s+)?(get|describe|logs|version)\b)", Read},
    {"velero other",                  "velero", "", Change},
    {"istioctl/linkerd uninstall",    "istioctl|linkerd", R"(^(x\s+)?uninstall\b)", Destructive},
    {"istioctl/linkerd read",         "istioctl|linkerd", R"(^(analyze|proxy-status|ps|proxy-config|pc|version|x\s+describe|verify-install|check|stat|viz\s+\S+|top|tap|routes|edges|diagnostics|authz)\b)", Read},
    {"istioctl/linkerd other",        "istioctl|linkerd", "", Change},

    // networking and processes
    {"iptables flush/delete",         "iptables|ip6tables", R"((^|\s)(-F|--flush|-X|--delete-chain|-D|--delete|-Z|--zero)(\s|$))", Destructive},
    {"iptables list",                 "iptables|ip6tables", R"((^|\s)(-L|--list|-S|--list-rules|-[a-zA-Z]*[LS][a-zA-Z]*)(\s|$))", Read},
    {"iptables other",                "iptables|ip6tables", "", Change},
    {"nft flush/delete",              "nft", R"(^(flush|delete|destroy)\b)", Destructive},
    {"nft list",                      "nft", R"(^(-a\s+|--handle\s+)?(list|describe)\b)", Read},
    {"nft other",                     "nft", "", Change},
    {"ip delete/flush",               "ip", R"((^|\s)(del|delete|flush)(\s|$))", Destructive},
    {"ip change",                     "ip", R"((^|\s)(add|set|change|replace|append|prepend|exec)(\s|$))", Change},
    {"ip show",                       "ip", "", Read},
    {"nc port check",                 "nc|ncat|netcat", R"((^|\s)-[a-zA-Z]*z)", Read},
    {"nc sends data",                 "nc|ncat|netcat", "", Change},
    {"kill probe",                    "kill", R"(^(-0|-l|-L|--list)(\s|$))", Read},
    {"kill",                          "kill", "", Destructive},
    {"crontab remove",                "crontab", R"((^|\s)-[a-zA-Z]*r(\s|$))", Destructive},
    {"crontab list",                  "crontab", R"((^|\s)-l(\s|$))", Read},
    {"crontab install/edit",          "crontab", "", Change},
    {"mount list",                    "mount|findmnt", R"(^$|^(-l|--list)$)", Read},
    {"mount",                         "mount", "", Change},

    // files
    {"rsync dry run",                 "rsync", R"((^|\s)(-n|--dry-run|-[a-zA-Z]*n[a-zA-Z]*)(\s|$))", Read},
    {"rsync --delete",                "rsync", R"(--delete|--remove-source-files)", Destructive},
    {"rsync",                         "rsync", "", Change},
    {"sed in place",                  "sed|gsed", R"((^|\s)(--in-place\S*|-[a-zA-Z]*i\S*)(\s|$))", Change},
    {"sed writes a file",             "sed|gsed", R"((^|[\s;{}/])[wW]\s+\S|(^|[\s;{}])e(\s|$))", Change},
    {"sed",                           "sed|gsed", "", Read},
    {"perl in place",                 "perl", R"((^|\s)-[a-zA-Z]*i)", Change},
    {"yq in place",                   "yq", R"((^|\s)(-i|--inplace)(\s|$))", Change},
    {"yq",                            "yq", "", Read},
    {"tee to a file",                 "tee", R"((^|\s)(?!-|/dev/(null|stdout|stderr|tty)(\s|$))\S)", Change},
    {"tee",                           "tee", "", Read},
    {"kubectx/kubens list",           "kubectx|kubens", R"(^((-c|--current|-h|--help)\s*)?$)", Read},
    {"kubectx/kubens switch",         "kubectx|kubens", "", Change},

    // Any tool: failing over or switching over a primary is never routine.
    {"failover or switchover",        "*", R"(\b([Ff]ailover|[Ss]witchover|FAILOVER|SWITCHOVER)\b)", Destructive},
};

// ---------------------------------------------------------------------------------------------------------
// PROGRAMS WITHOUT VERBS: read-only tools (they only print), destructive tools. Everything else: change.
// ---------------------------------------------------------------------------------------------------------
const char *const kReadTools[] = {
    // text and files
    "grep", "egrep", "fgrep", "rg", "ag", "zgrep", "head", "tail", "cat", "tac", "zcat", "less", "more", "jq",
    "base64", "xxd", "od", "hexdump", "wc", "sort", "uniq", "cut", "tr", "column", "fold", "nl", "paste",
    "diff", "cmp", "comm", "md5sum", "sha1sum", "sha256sum", "sha512sum", "stat", "file", "ls", "find",
    "du", "df", "awk", "gawk", "mawk", "nawk", "realpath", "readlink", "basename", "dirname",
    // shell builtins that change nothing outside the shell
    "echo", "printf", "pwd", "cd", "export", "set", "unset", "local", "declare", "typeset", "readonly",
    "alias", "unalias", "shift", "return", "exit", "break", "continue", "wait", "trap", "let", "shopt",
    "umask", "ulimit", "type", "hash", "test", "[", "[[", "true", "false", ":", "sleep", "read",
    // the system as it is
    "ps", "pgrep", "pidof", "free", "uptime", "hostname", "whoami", "id", "groups", "date", "uname", "env",
    "printenv", "which", "whereis", "top", "htop", "vmstat", "iostat", "mpstat", "pidstat", "sar", "lsof",
    "dmesg", "nproc", "lscpu", "lsblk", "blkid", "lsmod", "getent", "w", "who", "last", "locale", "watch",
    "tcpdump",
    // network diagnostics
    "ping", "ping6", "traceroute", "tracepath", "mtr", "nslookup", "dig", "host", "drill", "netstat", "ss",
    "telnet", "openssl", "ssh-keyscan", "curl", "wget", "http", "https", "xh", "ab", "hey", "wrk",
    // cluster and monitoring read tools
    "kubectx", "stern", "promtool", "amtool", "pg_isready", "pg_lsclusters", "pg_controldata", "pg_config",
    "kafka-console-consumer", "kafka-console-consumer.sh",
};

const char *const kDestructiveTools[] = {
    "rm", "rmdir", "unlink", "shred", "truncate", "dd", "wipefs", "fdisk", "sfdisk", "parted", "reboot",
    "shutdown", "halt", "poweroff", "pkill", "killall", "dropdb", "dropuser", "pg_resetwal", "pg_rewind",
    "pg_archivecleanup",
};

// ---------------------------------------------------------------------------------------------------------
// GLOBAL OPTIONS that come before a tool's verb and take a value (kubectl -n prod delete pod x).
// ---------------------------------------------------------------------------------------------------------
const std::pair<const char *, const char *> kGlobalOptions[] = {
    {"kubectl|oc", "-n --namespace --context --kubeconfig --cluster --user -s --server --token --as "
                   "--as-group --request-timeout -v --cache-dir --certificate-authority --client-certificate "
                   "--client-key --tls-server-name"},
    {"helm", "-n --namespace --kube-context --kubeconfig --kube-apiserver --kube-as-user --kube-token "
             "--registry-config --repository-cache --repository-config --burst-limit"},
    {"docker|podman|nerdctl", "-H --host --context -c --config -l --log-level"},
    {"git", "-C -c --git-dir --work-tree"},
    {"systemctl", "-H --host -M --machine"},
    {"patronictl", "-c --config-file -d --dcs-url"},
    {"vault", "-address -namespace"},
    {"etcdctl", "--endpoints --cacert --cert --key --user --command-timeout"},
    {"argocd", "--server --auth-token --config --grpc-web-root-path"},
    {"rabbitmqctl", "-n --node"},
    {"rabbitmqadmin", "-H --host -P --port -u --username -p --password -V --vhost -c --config -N --node"},
    {"nft", "-f --file -I --includepath"},
    {"istioctl|linkerd", "--context --kubeconfig -n --namespace -i --istioNamespace -L --linkerd-namespace"},
    {"flux|velero", "-n --namespace --context --kubeconfig"},
};

// ---------------------------------------------------------------------------------------------------------
// WRAPPERS: programs that run another command. The inner command is judged (and gets the terminal when
// passesTerminal). kubectl exec/run/debug, docker exec/run --rm, find -exec, xargs and the cloud CLIs'
// --command are read by the classifier with the same idea.
// ---------------------------------------------------------------------------------------------------------
struct WrapperRow
{
    const char *name;
    const char *tools;
    WrapperRule::Kind kind;
    const char *optionsWithValue;
    int positionals;
    bool passesTerminal;
};

const WrapperRow kWrappers[] = {
    {"sudo",            "sudo|doas", WrapperRule::Kind::Prefix, "-u --user -g --group -h --host -p --prompt -C --close-from -D --chdir -r --role -t --type -U --other-user -T --command-timeout", 0, true},
    {"env",             "env", WrapperRule::Kind::Prefix, "-u --unset -C --chdir -S --split-string", 0, true},
    {"timeout",         "timeout", WrapperRule::Kind::Prefix, "-s --signal -k --kill-after", 1, true},
    {"nice/ionice",     "nice|ionice|renice", WrapperRule::Kind::Prefix, "-n --adjustment -c --class -p --pid", 0, true},
    {"time/nohup/exec", "time|nohup|exec|command|builtin|setsid|stdbuf|unbuffer|chronic|caffeinate|strace|ltrace|torsocks|proxychains|proxychains4", WrapperRule::Kind::Prefix, "-o -e -i -f -p -s -a", 0, true},
    {"flock",           "flock", WrapperRule::Kind::Prefix, "-w --timeout -E --conflict-exit-code", 1, true},
    {"runuser",         "runuser", WrapperRule::Kind::Prefix, "-u --user -g --group -G --supp-group", 0, true},
    {"xargs",           "xargs", WrapperRule::Kind::Prefix, "-I -i -L -l -n -P -d -E -e -s -a --arg-file --delimiter --max-args --max-procs --max-lines --replace --eof --max-chars --process-slot-var", 0, false},
    {"shell -c",        "sh|bash|zsh|dash|ksh|ash|mksh|busybox", WrapperRule::Kind::ShellCode, "-o +o -O +O --rcfile --init-file", 0, true},
    {"su -c",           "su", WrapperRule::Kind::ShellCode, "-s --shell -g --group -G --supp-group -w --whitelist-environment", 0, true},
    {"eval",            "eval", WrapperRule::Kind::WatchText, "", 0, true},
    {"watch",           "watch|viddy", WrapperRule::Kind::WatchText, "-n --interval -d --differences -q --equexit -c --color", 0, false},
    {"ssh",             "ssh|autossh|mosh", WrapperRule::Kind::Remote, "-b -c -D -E -e -F -I -i -J -L -l -m -O -o -p -Q -R -S -W -w -B -M", 0, false},
};

// ---------------------------------------------------------------------------------------------------------
// CLOUD CLI VERB CONVENTIONS (aws, gcloud, az, doctl, hcloud): `aws rds reboot-db-instance`,
// `gcloud sql instances failover`, `az vm restart`. Checked in this order; --dry-run makes any verb a read.
// ---------------------------------------------------------------------------------------------------------
const Row kCloudVerbs[] = {
    {"cloud dry run",            "", R"(^--dry-run$)", Read},
    {"cloud destructive verb",   "", R"(^(force-)?(delete|terminate|reboot|restart|failover|rm|rb|purge|stop|remove|deregister|revoke|deallocate|reset|promote|destroy|drop|kill|truncate|flush|wipe|erase|evict|abandon)(-.*)?$)", Destructive},
    {"cloud change verb",        "", R"(^(create|update|set|start|put|modify|add|attach|detach|associate|disassociate|register|tag|untag|enable|disable|import|copy|cp|sync|mv|run|invoke|publish|send|deploy|scale|resize|patch|apply|upgrade|rollback|resume|suspend|login|logout|configure|connect|ssh|authorize|allocate|release|execute|restore|cancel|rotate|renew|approve|reject|move|replace|redeploy|reimage|swap|seek|ack|acknowledge|exec|submit|batch-write|upload|edit)(-.*)?$)", Change},
    {"cloud read verb",          "", R"(^(describe|list|get|ls|show|head|lookup|search|query|scan|read|tail|filter|wait|view|check|print|version|help|test|simulate|estimate|validate|preview|whoami|batch-get)(-.*)?$)", Read},
};

const std::pair<const char *, const char *> kCloudOptions[] = {
    {"aws", "--region --profile --output --endpoint-url --query --color --cli-read-timeout --cli-connect-timeout --ca-bundle"},
    {"gcloud", "--project --account --configuration --format --verbosity --zone --region --billing-project --impersonate-service-account --flatten --filter --limit --sort-by --page-size"},
    {"az", "--subscription --output -o --query --resource-group -g --name -n --only-show-errors"},
    {"doctl", "--context --access-token -t --output -o --format"},
    {"hcloud", "--context --config -o --output"},
};

// ---------------------------------------------------------------------------------------------------------
// HTTP (curl, wget, httpie): the method decides. Data options imply POST (upload: PUT); -G/--get sends the
// data as a query (GET). Writing the answer to a file (-o FILE, -O) is a change like `> FILE`.
// ---------------------------------------------------------------------------------------------------------
const char *const kHttpDestructiveMethods[] = {"DELETE", "PURGE", "BAN"};
const char *const kHttpReadMethods[] = {"GET", "HEAD", "OPTIONS", "TRACE", "PROPFIND"};
// curl's short options that take a value; in a cluster (-sXPOST, -sX POST) the value follows the letter.
const char kCurlShortWithValue[] = "AbcCdDeEFHKmoPQrTuUwxXyYzt";
const char *const kCurlLongWithValue[] = {
    "--request", "--data", "--data-raw", "--data-binary", "--data-urlencode", "--data-ascii", "--json",
    "--form", "--form-string", "--upload-file", "--header", "--output", "--user", "--url", "--cookie",
    "--cookie-jar", "--config", "--dump-header", "--user-agent", "--referer", "--max-time", "--proxy",
    "--connect-timeout", "--retry", "--cacert", "--cert", "--key", "--resolve", "--write-out", "--range",
    "--oauth2-bearer", "--unix-socket", "--interface", "--retry-delay", "--retry-max-time", "--proxy-user",
};
const char *const kCurlData[] = {"-d", "--data", "--data-raw", "--data-binary", "--data-urlencode",
                                 "--data-ascii", "--json", "-F", "--form", "--form-string", "-T",
                                 "--upload-file"};
const char *const kWgetData[] = {"--post-data", "--post-file", "--body-data", "--body-file"};

// ---------------------------------------------------------------------------------------------------------
// AWK programs that run a command (system(), print | "cmd", "cmd" | getline) or write a file (print > f).
// ---------------------------------------------------------------------------------------------------------
const char kAwkWrites[] = R"(\bsystem\s*\(|\|\s*"|\|&|"\s*\|\s*getline|\bprintf?\b[^;{}]*[^<>=!]>\s*("|\w|\$)|\bfflush\b.*>)";

// ---------------------------------------------------------------------------------------------------------
// SQL (psql -c, kubectl exec ... psql -c, mysql -e, heredocs into psql, sql steps), statement by statement.
// Comments, string literals and quoted identifiers are blanked first. The first row that matches decides;
// a statement that matches none is "change". A read step still runs in a READ ONLY transaction.
// ---------------------------------------------------------------------------------------------------------
const Row kSqlRules[] = {
    {"SQL destructive statement", "", R"(\b(DROP|TRUNCATE|DELETE|ALTER|pg_terminate_backend|pg_cancel_backend|pg_promote|pg_drop_replication_slot|lo_unlink)\b|^\s*(VACUUM\s+(\(\s*)?FULL|KILL|SHUTDOWN)\b)", Destructive},
    {"SQL changing statement",    "", R"(\b(INSERT|UPDATE|MERGE|REPLACE\s+INTO|CREATE|GRANT|REVOKE|pg_reload_conf|pg_rotate_logfile|pg_switch_wal|pg_create_restore_point|setval|nextval|pg_advisory_lock|SECURITY\s+LABEL|COMMENT\s+ON|FOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE)|SET\s+(SESSION\s+)?(ROLE|AUTHORIZATION)|SET\s+TRANSACTION\s+READ\s+WRITE)\b|\bCOPY\s+(?!\()[^;]*\bFROM\b|\bCOPY\b.*\bTO\b(?!\s*STDOUT)|\bSELECT\b[^;]*\bINTO\b|^\s*(REINDEX|VACUUM|ANALYZE|ANALYSE|CALL|DO|LOCK|CLUSTER|REFRESH|REASSIGN|IMPORT|LOAD|RELOAD|PAUSE|RESUME|SUSPEND|DISABLE|ENABLE|RECONNECT|KILL_CLIENT|CHECKPOINT|EXECUTE|NOTIFY|PRAGMA|UPSERT)\b)", Change},
    {"SQL read statement",        "", R"(^\s*(SELECT|SHOW|EXPLAIN|WITH|TABLE|VALUES|DESCRIBE|DESC|FETCH|LISTEN|UNLISTEN|BEGIN|COMMIT|ROLLBACK|END|ABORT|START|SAVEPOINT|RELEASE|SET|RESET|PREPARE|DECLARE|CLOSE|MOVE|DEALLOCATE|DISCARD|HELP|USE|COPY)\b)", Read},
    // anything else: "SQL unknown statement", change
};
// psql backslash commands that write a file, read a script or run a shell: \o \w \i \ir \copy ... from \! \g file
const char kPsqlMetaWrites[] = R"(^\\(!|(o|out|w|write|i|include|ir|include_relative|copy\b.*\b(from|to\b(?!\s*stdout))|g\s+\S+|gx\s+\S+|gexec|s\s+\S+|lo_import|lo_unlink|e|edit|ef|ev)\b))";
const char *const kPsqlOptionsWithValue[] = {"-c", "--command", "-d", "--dbname", "-f", "--file", "-h", "--host",
                                             "-p", "--port", "-U", "--username", "-v", "--set", "--variable",
                                             "-P", "--pset", "-F", "--field-separator", "-R",
                                             "--record-separator", "-T", "--table-attr", "-o", "--output",
                                             "-L", "--log-file"};
const char *const kMysqlOptionsWithValue[] = {"-e", "--execute", "-u", "--user", "-h", "--host", "-P", "--port",
                                              "-D", "--database", "-S", "--socket", "--defaults-file",
                                              "--login-path"};
// MongoDB shell (mongosh --eval, mongo --eval).
const std::pair<const char *, Risk> kMongoKeywords[] = {
    {R"(\b(drop|dropDatabase|dropIndex|dropIndexes|remove|deleteOne|deleteMany|findOneAndDelete|killOp|shutdownServer|stepDown|rs\.remove)\b)", Destructive},
    {R"(\$out\b|\$merge\b|\b(insert|insertOne|insertMany|update|updateOne|updateMany|replaceOne|save|createIndex|createCollection|bulkWrite|findOneAndUpdate|findOneAndReplace|renameCollection|rs\.add|rs\.reconfig|setProfilingLevel|runCommand|adminCommand|eval)\b)", Change},
    {R"(\b(find|findOne|count|countDocuments|estimatedDocumentCount|aggregate|getIndexes|stats|explain|distinct|serverStatus|currentOp|isMaster|hello|status|getCollectionNames|getName|version|printReplicationInfo|printSecondaryReplicationInfo|hostInfo|listCollections|dbStats|collStats)\b)", Read},
    // anything else: change
};

// ---------------------------------------------------------------------------------------------------------
// REDIS (redis-cli COMMAND ...): destructive and read commands; any other command changes something.
// ---------------------------------------------------------------------------------------------------------
const char *const kRedisDestructive[] = {
    "FLUSHDB", "FLUSHALL", "DEL", "UNLINK", "SHUTDOWN", "FAILOVER", "DEBUG", "REPLICAOF", "SLAVEOF",
    "GETDEL", "LPOP", "RPOP", "BLPOP", "BRPOP", "LMPOP", "SPOP", "ZPOPMIN", "ZPOPMAX", "LTRIM", "LREM",
    "SREM", "ZREM", "ZREMRANGEBYSCORE", "ZREMRANGEBYRANK", "ZREMRANGEBYLEX", "HDEL", "XDEL", "XTRIM",
    "CLIENT KILL", "SCRIPT FLUSH", "FUNCTION FLUSH", "CLUSTER RESET", "CLUSTER FAILOVER", "CLUSTER FORGET",
    "MEMORY PURGE",
};
const char *const kRedisRead[] = {
    "PING", "INFO", "GET", "MGET", "LLEN", "LRANGE", "LINDEX", "LPOS", "HGET", "HMGET", "HGETALL", "HLEN",
    "HKEYS", "HVALS", "HEXISTS", "SMEMBERS", "SISMEMBER", "SCARD", "ZRANGE", "ZRANGEBYSCORE", "ZREVRANGE",
    "ZCARD", "ZSCORE", "ZRANK", "ZCOUNT", "KEYS", "SCAN", "SSCAN", "HSCAN", "ZSCAN", "TTL", "PTTL", "EXISTS",
    "TYPE", "DBSIZE", "SLOWLOG GET", "SLOWLOG LEN", "XLEN", "XRANGE", "XREVRANGE", "XINFO", "XPENDING",
    "STRLEN", "MONITOR", "SUBSCRIBE", "PSUBSCRIBE", "MEMORY USAGE", "MEMORY STATS", "MEMORY DOCTOR",
    "LATENCY LATEST", "LATENCY HISTORY", "LATENCY DOCTOR", "ROLE", "CLIENT LIST", "CLIENT INFO",
    "CLIENT GETNAME", "CONFIG GET", "CLUSTER INFO", "CLUSTER NODES", "CLUSTER SLOTS", "CLUSTER SHARDS",
    "TIME", "LASTSAVE", "OBJECT", "PUBSUB", "COMMAND", "ECHO", "BITCOUNT", "GETRANGE", "PFCOUNT",
    "SRANDMEMBER", "HRANDFIELD", "ZRANDMEMBER", "LOLWUT",
};
// Options that take a value; modes with no command (--scan, --bigkeys, --stat, --latency) only read.
const char *const kRedisOptionsWithValue[] = {"-h", "-p", "-a", "-n", "-u", "-r", "-i", "-s", "-d", "--user",
                                              "--pass", "--cacert", "--cert", "--key", "--sni", "--pattern",
                                              "--count", "--tls-ciphers", "--cluster"};

// ---------------------------------------------------------------------------------------------------------
// TERMINAL: full-screen programs are handed to the user's terminal emulator; prompts and shells run under a
// pseudo-terminal with an input line; endless commands run until cancelled or the run timeout.
// ---------------------------------------------------------------------------------------------------------
struct TerminalRow
{
    const char *name;
    const char *tools;
    const char *pattern;
    TerminalUse terminal;
    bool endless;
};

const TerminalRow kTerminal[] = {
    {"full-screen program",      "vi|vim|nvim|view|nano|pico|emacs|micro|less|more|most|man|htop|btop|atop|iotop|iftop|nload|nmon|glances|tmux|screen|mc|k9s|ncdu|tig|lazygit|lazydocker|ranger|nnn|bmon", "", TerminalUse::FullScreen, false},
    {"top (not batch)",          "top", R"(^(?!.*(^|\s)-[a-zA-Z]*b))", TerminalUse::FullScreen, false},
    {"watch redraws the screen", "watch|viddy", "", TerminalUse::FullScreen, false},
    {"kubectl edit opens an editor", "kubectl|oc", R"(^edit\b)", TerminalUse::FullScreen, false},
    {"systemctl edit",           "systemctl", R"(^edit\b)", TerminalUse::FullScreen, false},
    {"crontab -e",               "crontab", R"((^|\s)-e(\s|$))", TerminalUse::FullScreen, false},
    {"patronictl edit-config",   "patronictl", R"(^edit-config\b(?!.*(\s(-s|--set|-p|--pg|--apply|--replace|--force)\b)))", TerminalUse::FullScreen, false},
    {"kubectl exec/run/attach -t","kubectl|oc", R"(^(exec|run|attach|debug)\b.*?(\s)(-it|-ti|-t|-tty|--tty(=true)?|-[a-zA-Z]*t[a-zA-Z]*)(\s|$))", TerminalUse::Pty, false},
    {"docker exec/run -t",       "docker|podman|nerdctl", R"(^(exec|run|attach|compose\s+(exec|run))\b.*?(\s)(-it|-ti|-t|--tty|-[a-zA-Z]*t[a-zA-Z]*)(\s|$))", TerminalUse::Pty, false},
    {"ssh -t",                   "ssh|autossh|mosh", R"((^|\s)-[a-zA-Z]*t)", TerminalUse::Pty, false},
    {"sudo password prompt",     "sudo|doas|su", R"(^(?!.*(^|\s)(-n|--non-interactive)(\s|$)))", TerminalUse::Pty, false},
    {"read waits for a line",    "read|select", R"(^(?!.*(^|\s)-t\s*\d))", TerminalUse::Pty, false},
    {"interactive prompt",       "telnet|kafka-console-producer|kafka-console-producer.sh|python|python3|node|irb|lua", R"(^(?!.*\S\.(py|js|rb|lua)\b)(?!.*(^|\s)(-c|-e|-m)(\s|$)))", TerminalUse::Pty, false},
    {"kubectl logs -f",          "kubectl|oc", R"(^(logs|attach)\b.*(\s)(-f|--follow(=true)?)(\s|$))", TerminalUse::None, true},
    {"kubectl --watch",          "kubectl|oc", R"(^(get|rollout|events)\b.*\s(-w|--watch(=true)?|--watch-only)(\s|$))", TerminalUse::None, true},
    {"kubectl port-forward",     "kubectl|oc", R"(^(port-forward|proxy|attach)\b)", TerminalUse::None, true},
    {"docker logs -f",           "docker|podman|nerdctl", R"(^((compose\s+)?logs\b.*\s(-f|--follow)(\s|$)|events\b|stats\b(?!.*--no-stream)))", TerminalUse::None, true},
    {"tail -f",                  "tail", R"((^|\s)(-f|-F|--follow\S*|-[a-zA-Z0-9]*[fF][a-zA-Z0-9]*)(\s|$))", TerminalUse::None, true},
    {"journalctl -f",            "journalctl", R"((^|\s)(-f|--follow|-[a-zA-Z]*f[a-zA-Z]*)(\s|$))", TerminalUse::None, true},
    {"ping without -c",          "ping|ping6", R"(^(?!.*(^|\s)(-c\s*\d|-[a-zA-Z]*c\s*\d|--count)))", TerminalUse::None, true},
    {"stern",                    "stern", R"(^(?!.*--no-follow))", TerminalUse::None, true},
    {"tcpdump without -c",       "tcpdump", R"(^(?!.*(^|\s)-c\s*\d))", TerminalUse::None, true},
    {"consumer without limit",   "kafka-console-consumer|kafka-console-consumer.sh", R"(^(?!.*--max-messages))", TerminalUse::None, true},
    {"etcdctl watch",            "etcdctl", R"(^watch\b)", TerminalUse::None, true},
    {"consul monitor",           "consul", R"(^monitor\b)", TerminalUse::None, true},
    {"ssh -N",                   "ssh|autossh", R"((^|\s)-[a-zA-Z]*N)", TerminalUse::None, true},
    {"nc -l",                    "nc|ncat|netcat", R"((^|\s)-[a-zA-Z]*l)", TerminalUse::None, true},
    {"sleep infinity",           "sleep", R"(^(inf|infinity)$)", TerminalUse::None, true},
};

// Rules the classifier applies in code (their data is above); listed so that every name has a test case.
const char *const kCodeRules[] = {
    "output redirection", "unknown program", "too deeply nested", "a script Sitrep cannot see",
    "interactive session", "kubectl exec: inner command", "kubectl run --rm: inner command",
    "kubectl exec without a command", "docker exec: inner command", "docker run --rm: inner command",
    "find -delete", "find -exec: inner command", "find writes a file", "http method", "http output to a file",
    "awk runs or writes", "awk in place", "psql meta-command", "SQL unknown statement", "mongo shell",
    "redis command", "redis read mode", "cloud CLI unknown verb", "cloud remote command",
};

// clang-format on

} // namespace

const QList<WrapperRule> &RiskRules::wrappers()
{
    static const QList<WrapperRule> list = [] {
        QList<WrapperRule> out;
        for (const WrapperRow &w : kWrappers) {
            out.append({QString::fromLatin1(w.name), tools(w.tools), w.kind,
                        QString::fromLatin1(w.optionsWithValue).split(QLatin1Char(' '), Qt::SkipEmptyParts),
                        w.positionals, w.passesTerminal});
        }
        return out;
    }();
    return list;
}

const WrapperRule *RiskRules::wrapper(const QString &tool)
{
    for (const WrapperRule &w : wrappers()) {
        if (w.tools.contains(tool))
            return &w;
    }
    return nullptr;
}

QStringList RiskRules::globalOptionsWithValue(const QString &tool)
{
    for (const auto &[names, options] : kGlobalOptions) {
        if (tools(names).contains(tool))
            return QString::fromLatin1(options).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    return {};
}

const QList<RiskRule> &RiskRules::rules()
{
    static const QList<RiskRule> list = [] {
        QList<RiskRule> out;
        for (const Row &r : kRules)
            out.append({QString::fromLatin1(r.name), tools(r.tools), re(r.pattern), r.risk});
        return out;
    }();
    return list;
}

std::optional<std::pair<Risk, QString>> RiskRules::toolRisk(const QString &tool)
{
    static const QSet<QString> read = setOf(kReadTools);
    static const QSet<QString> destructive = setOf(kDestructiveTools);
    if (read.contains(tool))
        return std::pair{Risk::Read, QStringLiteral("read-only program")};
    if (destructive.contains(tool) || tool.startsWith(QLatin1String("mkfs")))
        return std::pair{Risk::Destructive, QStringLiteral("destructive program")};
    return std::nullopt;
}

bool RiskRules::isCloudCli(const QString &tool)
{
    for (const auto &[name, options] : kCloudOptions) {
        if (tool == QLatin1String(name))
            return true;
    }
    return false;
}

QStringList RiskRules::cloudOptionsWithValue(const QString &tool)
{
    for (const auto &[name, options] : kCloudOptions) {
        if (tool == QLatin1String(name))
            return QString::fromLatin1(options).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    return {};
}

const QList<VerbConvention> &RiskRules::cloudVerbs()
{
    static const QList<VerbConvention> list = [] {
        QList<VerbConvention> out;
        for (const Row &r : kCloudVerbs)
            out.append({QString::fromLatin1(r.name), re(r.pattern), r.risk});
        return out;
    }();
    return list;
}

Risk RiskRules::httpMethodRisk(const QString &method)
{
    const QString m = method.toUpper();
    for (const char *d : kHttpDestructiveMethods) {
        if (m == QLatin1String(d))
            return Risk::Destructive;
    }
    for (const char *r : kHttpReadMethods) {
        if (m == QLatin1String(r))
            return Risk::Read;
    }
    return Risk::Change; // POST, PUT, PATCH and anything unknown
}

QString RiskRules::curlShortOptionsWithValue()
{
    return QString::fromLatin1(kCurlShortWithValue);
}

const QSet<QString> &RiskRules::curlLongOptionsWithValue()
{
    static const QSet<QString> s = setOf(kCurlLongWithValue);
    return s;
}

const QSet<QString> &RiskRules::curlDataOptions()
{
    static const QSet<QString> s = setOf(kCurlData);
    return s;
}

const QSet<QString> &RiskRules::wgetDataOptions()
{
    static const QSet<QString> s = setOf(kWgetData);
    return s;
}

const QRegularExpression &RiskRules::awkWrites()
{
    static const QRegularExpression r = re(kAwkWrites);
    return r;
}

const QList<SqlRule> &RiskRules::sqlRules()
{
    static const QList<SqlRule> list = [] {
        QList<SqlRule> out;
        for (const Row &r : kSqlRules)
            out.append({QString::fromLatin1(r.name), re(r.pattern, true), r.risk});
        return out;
    }();
    return list;
}

const QRegularExpression &RiskRules::psqlMetaWrites()
{
    static const QRegularExpression r = re(kPsqlMetaWrites, true);
    return r;
}

const QList<QPair<QRegularExpression, Risk>> &RiskRules::mongoKeywords()
{
    static const QList<QPair<QRegularExpression, Risk>> list = [] {
        QList<QPair<QRegularExpression, Risk>> out;
        for (const auto &[pattern, risk] : kMongoKeywords)
            out.append({re(pattern), risk});
        return out;
    }();
    return list;
}

QStringList RiskRules::psqlOptionsWithValue()
{
    return listOf(kPsqlOptionsWithValue);
}

QStringList RiskRules::mysqlOptionsWithValue()
{
    return listOf(kMysqlOptionsWithValue);
}

std::optional<Risk> RiskRules::redisCommandRisk(const QString &command, const QString &subcommand)
{
    static const QSet<QString> destructive = setOf(kRedisDestructive);
    static const QSet<QString> read = setOf(kRedisRead);
    const QString c = command.toUpper();
    if (c.isEmpty())
        return std::nullopt;
    const QString both = c + QLatin1Char(' ') + subcommand.toUpper();
    if (destructive.contains(both) || destructive.contains(c))
        return Risk::Destructive;
    if (read.contains(both) || read.contains(c))
        return Risk::Read;
    return Risk::Change;
}

QStringList RiskRules::redisOptionsWithValue()
{
    return listOf(kRedisOptionsWithValue);
}

const QList<TerminalRule> &RiskRules::terminalRules()
{
    static const QList<TerminalRule> list = [] {
        QList<TerminalRule> out;
        for (const TerminalRow &t : kTerminal)
            out.append({QString::fromLatin1(t.name), tools(t.tools), re(t.pattern), t.terminal, t.endless});
        return out;
    }();
    return list;
}

QStringList RiskRules::allRuleNames()
{
    QStringList out;
    for (const RiskRule &r : rules())
        out << r.name;
    for (const VerbConvention &v : cloudVerbs())
        out << v.name;
    for (const SqlRule &r : sqlRules())
        out << r.name;
    for (const TerminalRule &t : terminalRules())
        out << t.name;
    for (const WrapperRule &w : wrappers())
        out << w.name;
    for (const char *c : kCodeRules)
        out << QString::fromLatin1(c);
    out << QStringLiteral("read-only program") << QStringLiteral("destructive program");
    return out;
}

} // namespace Sitrep::Runbook
