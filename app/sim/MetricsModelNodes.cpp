#include "sim/MetricsModelNodes.h"

#include <QHash>

#include <algorithm>

#include <cmath>

namespace Sitrep::Sim {

namespace {

using Fn = std::function<double(double)>;
constexpr double kTau = 6.283185307179586;
constexpr double kDay = 86400;

Fn constant(double v)
{
    return [v](double) { return v; };
}

// base * (1 + amp * sin(2 pi t / period + phase))
Fn wave(double base, double amp, double period, double phase)
{
    return [=](double t) { return base * (1.0 + amp * std::sin(kTau * t / period + phase)); };
}

// The exact integral of wave() from t0: a counter whose rate is the wave.
Fn counter(double rate, double amp, double period, double phase, double t0)
{
    return [=](double t) {
        const double linear = rate * (t - t0);
        const double periodic = -rate * amp * period / kTau *
                                (std::cos(kTau * t / period + phase) - std::cos(kTau * t0 / period + phase));
        return std::max(0.0, linear + periodic);
    };
}

QByteArray num(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (v == std::floor(v) && std::abs(v) < 1e15)
        return QByteArray::number(qint64(v));
    return QByteArray::number(v, 'g', 12);
}

class Builder
{
public:
    Builder(QList<SimSeries> &out, QByteArray base)
        : m_out(out)
        , m_base(std::move(base))
    {}
    void gauge(const char *name, const QByteArray &labels, Fn f)
    {
        m_out << SimSeries{name, "gauge", sample(name, labels), std::move(f)};
    }
    // name ends in _total; the family is the name without it.
    void counter(const char *name, const QByteArray &labels, Fn f)
    {
        QByteArray family(name);
        if (family.endsWith("_total"))
            family.chop(6);
        m_out << SimSeries{family, "counter", sample(name, labels), std::move(f)};
    }
    // Counters node-exporter exposes without the _total suffix (netstat, vmstat): gauges to OpenMetrics.
    void rawCounter(const char *name, const QByteArray &labels, Fn f)
    {
        m_out << SimSeries{name, "unknown", sample(name, labels), std::move(f)};
    }

private:
    QByteArray sample(const char *name, const QByteArray &labels) const
    {
        QByteArray all = m_base;
        if (!labels.isEmpty())
            all += ',' + labels;
        return QByteArray(name) + '{' + all + '}';
    }
    QList<SimSeries> &m_out;
    QByteArray m_base;
};

} // namespace

MetricsModelNodes::MetricsModelNodes(qint64 bootMs)
    : m_boot(double(bootMs) / 1000.0)
{}

QList<SimSeries> MetricsModelNodes::series(const QList<SimNode> &nodes) const
{
    QList<SimSeries> out;
    for (const SimNode &node : nodes) {
        const double ph = node.index * 1.3; // each node its own phase
        const double t0 = m_boot - node.index * 3600.0;
        const QByteArray instance = node.name.toUtf8() + ":9100";
        Builder b(out, "instance=\"" + instance + "\",job=\"node-exporter\"");
        const double T = node.memoryBytes;
        const int cpus = std::max(1, node.cpus);

        b.gauge("node_uname_info",
                "domainname=\"(none)\",machine=\"x86_64\",nodename=\"" + node.name.toUtf8() +
                    "\",release=\"6.1.0-18-amd64\",sysname=\"Linux\",version=\"#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1\"",
                constant(1));
        b.gauge("node_boot_time_seconds", {}, constant(std::floor(t0)));
        b.gauge("node_time_seconds", {}, [](double t) { return t; });
        b.gauge("node_load1", {}, wave(cpus * 0.32, 0.45, kDay / 8, ph));
        b.gauge("node_load5", {}, wave(cpus * 0.31, 0.35, kDay / 8, ph - 0.2));
        b.gauge("node_load15", {}, wave(cpus * 0.30, 0.25, kDay / 8, ph - 0.5));

        // CPU: per core and mode; idle is what the others leave, so every second is accounted for.
        const struct
        {
            const char *mode;
            double rate;
            double amp;
        } modes[] = {{"user", 0.22, 0.45}, {"system", 0.07, 0.35}, {"iowait", 0.015, 0.6}, {"irq", 0.003, 0.2},
                     {"softirq", 0.01, 0.3}, {"steal", 0.002, 0.5}, {"nice", 0.004, 0.2}};
        for (int c = 0; c < cpus; ++c) {
            const QByteArray cpu = "cpu=\"" + QByteArray::number(c) + "\"";
            QList<Fn> busy;
            for (const auto &m : modes) {
                Fn f = counter(m.rate, m.amp, kDay / 6, ph + c * 0.4, t0);
                busy << f;
                b.counter("node_cpu_seconds_total", cpu + ",mode=\"" + m.mode + "\"", f);
            }
            b.counter("node_cpu_seconds_total", cpu + ",mode=\"idle\"", [busy, t0](double t) {
                double used = 0;
                for (const Fn &f : busy)
                    used += f(t);
                return std::max(0.0, (t - t0) - used);
            });
            b.counter("node_cpu_guest_seconds_total", cpu + ",mode=\"user\"", counter(0.001, 0.1, kDay, ph, t0));
            b.counter("node_schedstat_running_seconds_total", cpu, counter(0.31, 0.4, kDay / 6, ph + c * 0.4, t0));
            b.counter("node_schedstat_waiting_seconds_total", cpu, counter(0.02, 0.5, kDay / 6, ph + c * 0.4, t0));
            b.counter("node_schedstat_timeslices_total", cpu, counter(800, 0.3, kDay / 6, ph, t0));
            b.counter("node_softnet_processed_total", cpu, counter(300, 0.3, kDay / 6, ph, t0));
            b.counter("node_softnet_dropped_total", cpu, constant(0));
            b.counter("node_softnet_times_squeezed_total", cpu, counter(0.01, 0.5, kDay / 6, ph, t0));
            b.gauge("node_cpu_scaling_frequency_hertz", cpu, wave(2.6e9, 0.15, kDay / 24, ph + c));
            b.gauge("node_cpu_scaling_frequency_max_hertz", cpu, constant(3.5e9));
            b.gauge("node_cpu_scaling_frequency_min_hertz", cpu, constant(8e8));
        }
        b.counter("node_pressure_cpu_waiting_seconds_total", {}, counter(0.03, 0.6, kDay / 6, ph, t0));
        b.counter("node_pressure_io_waiting_seconds_total", {}, counter(0.012, 0.7, kDay / 6, ph + 1, t0));
        b.counter("node_pressure_io_stalled_seconds_total", {}, counter(0.006, 0.7, kDay / 6, ph + 1, t0));
        b.counter("node_pressure_memory_waiting_seconds_total", {}, counter(0.002, 0.5, kDay / 6, ph, t0));
        b.counter("node_pressure_memory_stalled_seconds_total", {}, counter(0.001, 0.5, kDay / 6, ph, t0));
        b.counter("node_pressure_irq_stalled_seconds_total", {}, counter(0.0005, 0.5, kDay / 6, ph, t0));

        // Memory, as /proc/meminfo reports it.
        const double GiB = 1024.0 * 1024 * 1024;
        const double MiB = 1024.0 * 1024;
        const Fn free = wave(T * 0.18, 0.2, kDay / 4, ph + 2);
        const Fn cached = wave(T * 0.30, 0.06, kDay / 4, ph);
        b.gauge("node_memory_MemTotal_bytes", {}, constant(T));
        b.gauge("node_memory_MemFree_bytes", {}, free);
        b.gauge("node_memory_MemAvailable_bytes", {}, [free, cached, T](double t) { return free(t) + T * 0.03 + cached(t) * 0.9; });
        b.gauge("node_memory_Buffers_bytes", {}, constant(T * 0.03));
        b.gauge("node_memory_Cached_bytes", {}, cached);
        b.gauge("node_memory_SReclaimable_bytes", {}, constant(T * 0.04));
        b.gauge("node_memory_SUnreclaim_bytes", {}, constant(T * 0.02));
        b.gauge("node_memory_Slab_bytes", {}, constant(T * 0.06));
        b.gauge("node_memory_SwapTotal_bytes", {}, constant(2 * GiB));
        b.gauge("node_memory_SwapFree_bytes", {}, wave(1.9 * GiB, 0.01, kDay, ph));
        b.gauge("node_memory_SwapCached_bytes", {}, constant(12 * MiB));
        b.gauge("node_memory_Active_bytes", {}, wave(T * 0.35, 0.05, kDay / 4, ph));
        b.gauge("node_memory_Inactive_bytes", {}, wave(T * 0.25, 0.05, kDay / 4, ph + 1));
        b.gauge("node_memory_Active_anon_bytes", {}, wave(T * 0.22, 0.08, kDay / 4, ph));
        b.gauge("node_memory_Inactive_anon_bytes", {}, constant(T * 0.03));
        b.gauge("node_memory_Active_file_bytes", {}, wave(T * 0.13, 0.05, kDay / 4, ph));
        b.gauge("node_memory_Inactive_file_bytes", {}, wave(T * 0.22, 0.05, kDay / 4, ph + 1));
        b.gauge("node_memory_AnonPages_bytes", {}, wave(T * 0.28, 0.08, kDay / 4, ph));
        b.gauge("node_memory_AnonHugePages_bytes", {}, constant(64 * MiB));
        b.gauge("node_memory_Mapped_bytes", {}, constant(T * 0.05));
        b.gauge("node_memory_Shmem_bytes", {}, constant(T * 0.01));
        b.gauge("node_memory_ShmemHugePages_bytes", {}, constant(0));
        b.gauge("node_memory_ShmemPmdMapped_bytes", {}, constant(0));
        b.gauge("node_memory_KernelStack_bytes", {}, constant(18 * MiB));
        b.gauge("node_memory_PageTables_bytes", {}, constant(52 * MiB));
        b.gauge("node_memory_Percpu_bytes", {}, constant(4 * MiB));
        b.gauge("node_memory_Committed_AS_bytes", {}, wave(T * 0.62, 0.05, kDay / 4, ph));
        b.gauge("node_memory_CommitLimit_bytes", {}, constant(T * 0.5 + 2 * GiB));
        b.gauge("node_memory_Dirty_bytes", {}, wave(3 * MiB, 0.8, 600, ph));
        b.gauge("node_memory_Writeback_bytes", {}, constant(0));
        b.gauge("node_memory_WritebackTmp_bytes", {}, constant(0));
        b.gauge("node_memory_Mlocked_bytes", {}, constant(0));
        b.gauge("node_memory_Unevictable_bytes", {}, constant(8 * MiB));
        b.gauge("node_memory_HardwareCorrupted_bytes", {}, constant(0));
        b.gauge("node_memory_NFS_Unstable_bytes", {}, constant(0));
        b.gauge("node_memory_VmallocTotal_bytes", {}, constant(32768.0 * GiB));
        b.gauge("node_memory_VmallocUsed_bytes", {}, constant(60 * MiB));
        b.gauge("node_memory_VmallocChunk_bytes", {}, constant(0));
        b.gauge("node_memory_HugePages_Total", {}, constant(0));
        b.gauge("node_memory_HugePages_Free", {}, constant(0));
        b.gauge("node_memory_HugePages_Rsvd", {}, constant(0));
        b.gauge("node_memory_HugePages_Surp", {}, constant(0));
        b.gauge("node_memory_Hugepagesize_bytes", {}, constant(2 * MiB));
        b.gauge("node_memory_DirectMap4k_bytes", {}, constant(300 * MiB));
        b.gauge("node_memory_DirectMap2M_bytes", {}, constant(T * 0.6));
        b.gauge("node_memory_DirectMap1G_bytes", {}, constant(T * 0.4));
        b.gauge("node_memory_Zswap_bytes", {}, constant(0));
        b.gauge("node_memory_Zswapped_bytes", {}, constant(0));

        // File systems.
        const struct
        {
            const char *mount;
            const char *device;
            const char *fstype;
            double size;
            double used;
        } fss[] = {{"/", "/dev/sda1", "ext4", 100 * GiB, 0.42 + 0.03 * node.index},
                   {"/boot", "/dev/sda2", "ext2", 0.5 * GiB, 0.21},
                   {"/run", "tmpfs", "tmpfs", T * 0.1, 0.01}};
        for (const auto &fs : fss) {
            const QByteArray labels = QByteArray("device=\"") + fs.device + "\",fstype=\"" + fs.fstype +
                                      "\",mountpoint=\"" + fs.mount + "\"";
            const double size = fs.size;
            const double used = fs.used;
            // The root file system fills slowly: logs.
            const Fn avail = [size, used](double t) {
                return size * (1 - used) - std::fmod(t, kDay) / kDay * size * 0.01;
            };
            b.gauge("node_filesystem_size_bytes", labels, constant(size));
            b.gauge("node_filesystem_avail_bytes", labels, avail);
            b.gauge("node_filesystem_free_bytes", labels, [avail, size](double t) { return avail(t) + size * 0.05; });
            b.gauge("node_filesystem_files", labels, constant(6.5e6));
            b.gauge("node_filesystem_files_free", labels, constant(6.1e6));
            b.gauge("node_filesystem_readonly", labels, constant(0));
            b.gauge("node_filesystem_device_error", labels, constant(0));
        }

        // Disks.
        const QByteArray sda = "device=\"sda\"";
        b.counter("node_disk_reads_completed_total", sda, counter(6, 0.6, kDay / 6, ph, t0));
        b.counter("node_disk_writes_completed_total", sda, counter(42, 0.4, kDay / 6, ph + 1, t0));
        b.counter("node_disk_reads_merged_total", sda, counter(0.8, 0.5, kDay / 6, ph, t0));
        b.counter("node_disk_writes_merged_total", sda, counter(12, 0.4, kDay / 6, ph, t0));
        b.counter("node_disk_read_bytes_total", sda, counter(220e3, 0.6, kDay / 6, ph, t0));
        b.counter("node_disk_written_bytes_total", sda, counter(1.6e6, 0.4, kDay / 6, ph + 1, t0));
        b.counter("node_disk_read_time_seconds_total", sda, counter(0.012, 0.6, kDay / 6, ph, t0));
        b.counter("node_disk_write_time_seconds_total", sda, counter(0.09, 0.4, kDay / 6, ph + 1, t0));
        b.counter("node_disk_io_time_seconds_total", sda, counter(0.04, 0.5, kDay / 6, ph, t0));
        b.counter("node_disk_io_time_weighted_seconds_total", sda, counter(0.11, 0.5, kDay / 6, ph, t0));
        b.counter("node_disk_discards_completed_total", sda, counter(0.05, 0.5, kDay, ph, t0));
        b.counter("node_disk_discards_merged_total", sda, constant(0));
        b.counter("node_disk_discarded_sectors_total", sda, counter(40, 0.5, kDay, ph, t0));
        b.counter("node_disk_discard_time_seconds_total", sda, counter(0.0005, 0.5, kDay, ph, t0));
        b.counter("node_disk_flush_requests_total", sda, counter(2, 0.5, kDay / 6, ph, t0));
        b.counter("node_disk_flush_requests_time_seconds_total", sda, counter(0.003, 0.5, kDay / 6, ph, t0));
        b.gauge("node_disk_io_now", sda, wave(0.6, 0.9, 900, ph));

        // Network interfaces.
        const struct
        {
            const char *device;
            double rx;
            double tx;
            double mtu;
        } nics[] = {{"eth0", 2.4e6 + node.index * 3e5, 1.1e6, 1500}, {"lo", 3e5, 3e5, 65536}};
        for (const auto &nic : nics) {
            const QByteArray d = QByteArray("device=\"") + nic.device + "\"";
            b.counter("node_network_receive_bytes_total", d, counter(nic.rx, 0.5, kDay / 4, ph, t0));
            b.counter("node_network_transmit_bytes_total", d, counter(nic.tx, 0.5, kDay / 4, ph + 0.7, t0));
            b.counter("node_network_receive_packets_total", d, counter(nic.rx / 900, 0.5, kDay / 4, ph, t0));
            b.counter("node_network_transmit_packets_total", d, counter(nic.tx / 700, 0.5, kDay / 4, ph + 0.7, t0));
            b.counter("node_network_receive_errs_total", d, counter(0.001, 0.5, kDay, ph, t0));
            b.counter("node_network_transmit_errs_total", d, constant(0));
            b.counter("node_network_receive_drop_total", d, counter(0.02, 0.5, kDay, ph, t0));
            b.counter("node_network_transmit_drop_total", d, constant(0));
            b.counter("node_network_receive_fifo_total", d, constant(0));
            b.counter("node_network_transmit_fifo_total", d, constant(0));
            b.counter("node_network_receive_frame_total", d, constant(0));
            b.counter("node_network_receive_compressed_total", d, constant(0));
            b.counter("node_network_transmit_compressed_total", d, constant(0));
            b.counter("node_network_receive_multicast_total", d, counter(0.1, 0.2, kDay, ph, t0));
            b.counter("node_network_receive_nohandler_total", d, constant(0));
            b.counter("node_network_transmit_carrier_total", d, constant(0));
            b.counter("node_network_transmit_colls_total", d, constant(0));
            b.gauge("node_network_up", d, constant(1));
            b.gauge("node_network_carrier", d, constant(1));
            b.gauge("node_network_mtu_bytes", d, constant(nic.mtu));
            if (QByteArray(nic.device) == "eth0")
                b.gauge("node_network_speed_bytes", d, constant(1.25e9));
        }
        b.gauge("node_arp_entries", "device=\"eth0\"", constant(6 + node.index));

        // Kernel and processes.
        b.counter("node_context_switches_total", {}, counter(4200.0 * cpus, 0.4, kDay / 6, ph, t0));
        b.counter("node_intr_total", {}, counter(2600.0 * cpus, 0.4, kDay / 6, ph, t0));
        b.counter("node_forks_total", {}, counter(6, 0.5, kDay / 6, ph, t0));
        b.gauge("node_procs_running", {}, wave(3, 0.6, 600, ph));
        b.gauge("node_procs_blocked", {}, wave(0.3, 1.0, 600, ph));
        b.gauge("node_processes_pids", {}, wave(340, 0.05, kDay, ph));
        b.gauge("node_processes_threads", {}, wave(910, 0.05, kDay, ph));
        b.gauge("node_processes_max_processes", {}, constant(4194304));
        b.gauge("node_processes_max_threads", {}, constant(127000));
        for (const char *state : {"R", "S", "D", "I", "Z"})
            b.gauge("node_processes_state", QByteArray("state=\"") + state + "\"",
                    constant(QByteArray(state) == "S" ? 260 : QByteArray(state) == "I" ? 70 : QByteArray(state) == "R" ? 3 : 0));
        b.gauge("node_filefd_allocated", {}, wave(3100, 0.05, kDay, ph));
        b.gauge("node_filefd_maximum", {}, constant(9223372036854775807.0));
        b.gauge("node_entropy_available_bits", {}, constant(256));
        b.gauge("node_entropy_pool_size_bits", {}, constant(256));
        b.gauge("node_nf_conntrack_entries", {}, wave(620, 0.2, kDay / 4, ph));
        b.gauge("node_nf_conntrack_entries_limit", {}, constant(262144));
        b.gauge("node_kernel_hung_tasks", {}, constant(0));
        b.rawCounter("node_vmstat_pgfault", {}, counter(9000, 0.4, kDay / 6, ph, t0));
        b.rawCounter("node_vmstat_pgmajfault", {}, counter(0.3, 0.5, kDay / 6, ph, t0));
        b.rawCounter("node_vmstat_pgpgin", {}, counter(210, 0.5, kDay / 6, ph, t0));
        b.rawCounter("node_vmstat_pgpgout", {}, counter(1600, 0.4, kDay / 6, ph, t0));
        b.rawCounter("node_vmstat_pswpin", {}, constant(0));
        b.rawCounter("node_vmstat_pswpout", {}, constant(0));
        b.rawCounter("node_vmstat_oom_kill", {}, constant(0));

        // Network stack.
        b.rawCounter("node_netstat_Tcp_InSegs", {}, counter(1800, 0.5, kDay / 4, ph, t0));
        b.rawCounter("node_netstat_Tcp_OutSegs", {}, counter(1700, 0.5, kDay / 4, ph, t0));
        b.rawCounter("node_netstat_Tcp_RetransSegs", {}, counter(0.8, 0.6, kDay / 4, ph, t0));
        b.rawCounter("node_netstat_Tcp_ActiveOpens", {}, counter(12, 0.5, kDay / 4, ph, t0));
        b.rawCounter("node_netstat_Tcp_PassiveOpens", {}, counter(20, 0.5, kDay / 4, ph, t0));
        b.rawCounter("node_netstat_Tcp_InErrs", {}, constant(0));
        b.rawCounter("node_netstat_Tcp_OutRsts", {}, counter(1.5, 0.5, kDay / 4, ph, t0));
        b.gauge("node_netstat_Tcp_CurrEstab", {}, wave(140, 0.3, kDay / 4, ph));
        b.gauge("node_netstat_Tcp_MaxConn", {}, constant(-1));
        b.rawCounter("node_netstat_Udp_InDatagrams", {}, counter(60, 0.4, kDay / 4, ph, t0));
        b.rawCounter("node_netstat_Udp_OutDatagrams", {}, counter(62, 0.4, kDay / 4, ph, t0));
        b.rawCounter("node_netstat_Udp_InErrors", {}, constant(0));
        b.rawCounter("node_netstat_Udp_NoPorts", {}, counter(0.05, 0.5, kDay, ph, t0));
        b.rawCounter("node_netstat_Udp_RcvbufErrors", {}, constant(0));
        b.rawCounter("node_netstat_Udp_SndbufErrors", {}, constant(0));
        b.rawCounter("node_netstat_UdpLite_InErrors", {}, constant(0));
        b.rawCounter("node_netstat_Icmp_InMsgs", {}, counter(0.3, 0.5, kDay, ph, t0));
        b.rawCounter("node_netstat_Icmp_OutMsgs", {}, counter(0.3, 0.5, kDay, ph, t0));
        b.rawCounter("node_netstat_Icmp_InErrors", {}, constant(0));
        b.rawCounter("node_netstat_IpExt_InOctets", {}, counter(2.6e6, 0.5, kDay / 4, ph, t0));
        b.rawCounter("node_netstat_IpExt_OutOctets", {}, counter(1.3e6, 0.5, kDay / 4, ph, t0));
        for (const char *m : {"node_netstat_TcpExt_ListenDrops", "node_netstat_TcpExt_ListenOverflows",
                              "node_netstat_TcpExt_SyncookiesFailed", "node_netstat_TcpExt_SyncookiesRecv",
                              "node_netstat_TcpExt_SyncookiesSent", "node_netstat_TcpExt_TCPRcvQDrop"})
            b.rawCounter(m, {}, constant(0));
        b.rawCounter("node_netstat_TcpExt_TCPSynRetrans", {}, counter(0.1, 0.5, kDay, ph, t0));
        b.rawCounter("node_netstat_TcpExt_TCPTimeouts", {}, counter(0.2, 0.5, kDay, ph, t0));
        b.rawCounter("node_netstat_TcpExt_TCPOFOQueue", {}, counter(0.5, 0.5, kDay, ph, t0));
        b.gauge("node_sockstat_sockets_used", {}, wave(820, 0.1, kDay / 4, ph));
        b.gauge("node_sockstat_TCP_alloc", {}, wave(180, 0.2, kDay / 4, ph));
        b.gauge("node_sockstat_TCP_inuse", {}, wave(140, 0.2, kDay / 4, ph));
        b.gauge("node_sockstat_TCP_orphan", {}, constant(0));
        b.gauge("node_sockstat_TCP_tw", {}, wave(60, 0.5, kDay / 4, ph));
        b.gauge("node_sockstat_TCP_mem", {}, wave(40, 0.3, kDay / 4, ph));
        b.gauge("node_sockstat_TCP_mem_bytes", {}, wave(163840, 0.3, kDay / 4, ph));
        b.gauge("node_sockstat_UDP_inuse", {}, constant(8));
        b.gauge("node_sockstat_UDP_mem", {}, constant(4));
        b.gauge("node_sockstat_UDP_mem_bytes", {}, constant(16384));
        b.gauge("node_sockstat_UDPLITE_inuse", {}, constant(0));
        b.gauge("node_sockstat_RAW_inuse", {}, constant(0));
        b.gauge("node_sockstat_FRAG_inuse", {}, constant(0));
        b.gauge("node_sockstat_FRAG_memory", {}, constant(0));
        for (const char *state : {"established", "time_wait", "listen", "close_wait"})
            b.gauge("node_tcp_connection_states", QByteArray("state=\"") + state + "\"",
                    wave(QByteArray(state) == "established" ? 140 : 12, 0.3, kDay / 4, ph));
        b.gauge("node_udp_queues", "ip=\"v4\",queue=\"rx\"", constant(0));
        b.gauge("node_udp_queues", "ip=\"v4\",queue=\"tx\"", constant(0));

        // Time synchronisation.
        b.gauge("node_timex_offset_seconds", {}, wave(0.0002, 0.8, 1800, ph));
        b.gauge("node_timex_sync_status", {}, constant(1));
        b.gauge("node_timex_maxerror_seconds", {}, constant(0.012));
        b.gauge("node_timex_estimated_error_seconds", {}, constant(0.0004));
        b.gauge("node_timex_frequency_adjustment_ratio", {}, constant(1.0000021));
        b.gauge("node_timex_loop_time_constant", {}, constant(7));
        b.gauge("node_timex_tick_seconds", {}, constant(0.01));
        b.gauge("node_timex_tai_offset_seconds", {}, constant(0));

        // Hardware and the exporter itself.
        b.gauge("node_hwmon_temp_celsius", "chip=\"platform_coretemp_0\",sensor=\"temp1\"", wave(48, 0.12, kDay / 6, ph));
        b.gauge("node_hwmon_temp_crit_celsius", "chip=\"platform_coretemp_0\",sensor=\"temp1\"", constant(100));
        b.gauge("node_hwmon_temp_max_celsius", "chip=\"platform_coretemp_0\",sensor=\"temp1\"", constant(84));
        b.gauge("node_hwmon_chip_names", "chip=\"platform_coretemp_0\",chip_name=\"coretemp\"", constant(1));
        for (const char *state : {"active", "activating", "deactivating", "failed", "inactive"})
            b.gauge("node_systemd_units", QByteArray("state=\"") + state + "\"",
                    constant(QByteArray(state) == "active" ? 182 : QByteArray(state) == "inactive" ? 64 : 0));
        for (const char *collector : {"cpu", "diskstats", "filesystem", "loadavg", "meminfo", "netdev", "netstat",
                                      "pressure", "sockstat", "stat", "time", "timex", "uname", "vmstat"}) {
            const QByteArray c = QByteArray("collector=\"") + collector + "\"";
            b.gauge("node_scrape_collector_success", c, constant(1));
            b.gauge("node_scrape_collector_duration_seconds", c, wave(0.002, 0.5, 300, ph));
        }
        b.gauge("node_textfile_scrape_error", {}, constant(0));
        b.counter("process_cpu_seconds_total", {}, counter(0.006, 0.3, kDay / 6, ph, t0));
        b.gauge("process_open_fds", {}, constant(11));
        b.gauge("process_max_fds", {}, constant(1048576));
        b.gauge("process_virtual_memory_bytes", {}, constant(1.3e9));
        b.gauge("process_virtual_memory_max_bytes", {}, constant(1.8446744073709552e19));
        b.gauge("process_resident_memory_bytes", {}, wave(24 * MiB, 0.05, 600, ph));
    }
    return out;
}

void MetricsModelNodes::writeText(QByteArray &out, const QList<SimSeries> &series, qint64 nowMs)
{
    const double t = double(nowMs) / 1000.0;
    QByteArray lastFamily;
    for (const SimSeries &s : series) {
        if (s.family != lastFamily) {
            out += "# TYPE " + (s.type == "counter" ? s.family + "_total" : s.family) + ' ' +
                   (s.type == "unknown" ? QByteArray("untyped") : s.type) + '\n';
            lastFamily = s.family;
        }
        out += s.sample + ' ' + num(s.value(t)) + '\n';
    }
}

void MetricsModelNodes::writeOpenMetrics(QByteArray &out, const QList<SimSeries> &series, qint64 fromMs,
                                         qint64 toMs, int stepS, const QList<QByteArray> &familyPrefixes)
{
    // OpenMetrics wants every family's samples together: group the series by family, first-seen order.
    QList<QByteArray> order;
    QHash<QByteArray, QList<const SimSeries *>> byFamily;
    for (const SimSeries &s : series) {
        if (!familyPrefixes.isEmpty() &&
            std::none_of(familyPrefixes.cbegin(), familyPrefixes.cend(),
                         [&s](const QByteArray &p) { return s.family.startsWith(p); }))
            continue;
        if (!byFamily.contains(s.family))
            order << s.family;
        byFamily[s.family] << &s;
    }
    const qint64 step = std::max(1, stepS) * 1000LL;
    for (const QByteArray &family : order) {
        const QList<const SimSeries *> list = byFamily.value(family);
        out += "# TYPE " + family + ' ' + list.first()->type + '\n';
        for (const SimSeries *s : list) {
            for (qint64 t = fromMs - fromMs % step; t <= toMs; t += step) {
                if (double(t) / 1000.0 < s->since)
                    continue;
                out += s->sample + ' ' + num(s->value(double(t) / 1000.0)) + ' ' + QByteArray::number(t / 1000) + '\n';
            }
        }
    }
}

} // namespace Sitrep::Sim
