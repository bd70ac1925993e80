package io.llmload.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This process as a member of the llmload cluster: a clustered Vert.x instance whose event bus and
 * Hazelcast member bind to the configured interface only, found by TCP-IP discovery with explicit
 * members (multicast and auto-detection off) or by Kubernetes DNS lookup. Joining on loopback
 * takes about two seconds because the join waits are set to zero.
 *
 * <p>Thread contract: {@link #join} from any thread; the member listeners run on Hazelcast's
 * threads, so callers hop to their own context.
 */
public final class ClusterNode {
    /** Keeps the loggers configured (JUL holds them weakly). */
    private static final List<Logger> QUIET = new ArrayList<>();

    private final Vertx vertx;
    private final HazelcastClusterManager manager;

    private ClusterNode(Vertx vertx, HazelcastClusterManager manager) {
        this.vertx = vertx;
        this.manager = manager;
    }

    /** Joins (or forms) the cluster; fails when the interface cannot be bound. {@code verbose} shows Hazelcast's and Vert.x's logs. */
    public static Future<ClusterNode> join(ClusterSettings settings, boolean verbose) {
        quietLogs(verbose);
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(settings));
        VertxOptions options = new VertxOptions().setPreferNativeTransport(true)
                .setEventBusOptions(new EventBusOptions().setHost(settings.host()).setPort(settings.busPort()));
        return Vertx.builder().with(options).withClusterManager(manager).buildClustered().map(vertx -> {
            vertx.eventBus().registerDefaultCodec(IntervalMessage.class, new IntervalMessageCodec());
            return new ClusterNode(vertx, manager);
        });
    }

    static Config hazelcastConfig(ClusterSettings settings) {
        Config config = new Config();
        config.setClusterName(settings.name());
        config.setInstanceName("llmload-" + java.util.UUID.randomUUID());
        // Vert.x's own structures, as in its default-cluster.xml.
        config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        config.getMapConfig("__vertx.haInfo").setBackupCount(1);
        config.getMapConfig("__vertx.nodeInfo").setBackupCount(1);
        // Nothing of Hazelcast's own beyond membership and Vert.x's maps: no metrics collection, no health log.
        config.getMetricsConfig().setEnabled(false);
        property(config, "hazelcast.health.monitoring.level", "OFF");
        property(config, "hazelcast.phone.home.enabled", "false");
        property(config, "hazelcast.logging.type", "jdk");
        // Join at once instead of waiting ~5 s for more members to appear.
        property(config, "hazelcast.wait.seconds.before.join", "0");
        property(config, "hazelcast.max.wait.seconds.before.join", "0");
        property(config, "hazelcast.socket.bind.any", "false");
        // A killed member is removed within seconds rather than a minute.
        property(config, "hazelcast.heartbeat.interval.seconds", "1");
        property(config, "hazelcast.max.no.heartbeat.seconds", "8");
        // Leave the cluster when asked (we close Vert.x ourselves), not from Hazelcast's own hook.
        property(config, "hazelcast.shutdownhook.enabled", "false");
        property(config, "hazelcast.local.localAddress", settings.host());
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(true).setPortCount(100);
        network.getInterfaces().setEnabled(true).addInterface(settings.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        String dns = settings.dnsService();
        if (dns != null) {
            join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", dns);
        } else {
            join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1).setMembers(settings.members());
        }
        return config;
    }

    /** Sets a Hazelcast property unless the same system property is given (-D wins, for tuning). */
    private static void property(Config config, String name, String value) {
        if (System.getProperty(name) == null) {
            config.setProperty(name, value);
        }
    }

    private static synchronized void quietLogs(boolean verbose) {
        if (QUIET.isEmpty()) {
            for (String name : new String[] {"com.hazelcast", "io.vertx.core.eventbus", "io.vertx.spi.cluster", "io.vertx.core.impl"}) {
                Logger logger = Logger.getLogger(name);
                // Our own messages say what went wrong in one line; their stack traces only with --verbose / LLMLOAD_DEBUG.
                logger.setLevel(verbose ? Level.INFO : Level.OFF);
                QUIET.add(logger);
            }
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    /** This member's id: the Vert.x node id (Hazelcast's member UUID). */
    public String nodeId() {
        return manager.getNodeId();
    }

    /** The Hazelcast address this member listens on, {@code host:port}. */
    public String address() {
        InetSocketAddress a = manager.getHazelcastInstance().getCluster().getLocalMember().getSocketAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    /** The Hazelcast addresses of every member now in the cluster, {@code host:port}. */
    public List<String> memberAddresses() {
        List<String> out = new ArrayList<>();
        for (Member m : manager.getHazelcastInstance().getCluster().getMembers()) {
            InetSocketAddress a = m.getSocketAddress();
            out.add(a.getHostString() + ":" + a.getPort());
        }
        return out;
    }

    /** Calls {@code onLeft} with the node id of every member that leaves or is removed (on a Hazelcast thread). */
    public void onMemberLeft(Consumer<String> onLeft) {
        manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                onLeft.accept(event.getMember().getUuid().toString());
            }
        });
    }

    /** Leaves the cluster and closes Vert.x. */
    public Future<Void> close() {
        return vertx.close();
    }
}
