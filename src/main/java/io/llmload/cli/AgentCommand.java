package io.llmload.cli;

import io.llmload.cluster.Agent;
import io.llmload.cluster.ClusterNode;
import io.llmload.cluster.ClusterSettings;
import io.llmload.cluster.Identity;
import io.llmload.cluster.Signer;
import io.llmload.engine.AgentPlanner;
import io.llmload.engine.ReportAssembler;
import io.llmload.engine.UsageException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import sun.misc.Signal;

/** {@code llmload agent}: join the cluster and run the load a coordinator sends, until stopped. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Join a cluster and generate load for 'llmload run --agents N' coordinators, until Ctrl-C.",
        footer = {"", "Examples:",
            "  export LLMLOAD_CLUSTER_SECRET=...   (the same on every agent and the coordinator)",
            "  llmload agent                                   (this host only, 127.0.0.1)",
            "  llmload agent --cluster-host 10.0.0.5 --join 10.0.0.5:5701,10.0.0.6:5701,10.0.0.9:5701",
            "  llmload agent --cluster-host $POD_IP --join dns:llmload-agents.default.svc.cluster.local",
            "", "API keys are read from this agent's environment (target.api_key_env), never sent by the coordinator."})
final class AgentCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--name", paramLabel = "NAME", description = "this agent's name in reports (default: <hostname>-<port>)")
    String name;

    @Option(names = "--verbose", description = "log Hazelcast's and Vert.x's own messages")
    boolean verbose;

    @Override
    public Integer call() {
        Console console = main.console();
        String secret;
        try {
            secret = cluster.secret(console);
            cluster.settings();
        } catch (UsageException e) {
            return Problems.usage(e, console.err());
        }
        ClusterNode node;
        try {
            node = ClusterNode.join(cluster.settings(), verbose || console.env().apply("LLMLOAD_DEBUG") != null)
                    .toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            console.err().println("error: cannot join the cluster on " + cluster.settings().host() + ": " + RunCommand.describe(e.getCause()));
            return ExitCodes.RUN_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.SIGINT;
        }
        String address = node.address();
        String agentName = name != null ? name : ReportAssembler.host().name() + "-" + address.substring(address.lastIndexOf(':') + 1);
        Identity identity = Identity.local(agentName, Version.version(), Version.commit(), ReportAssembler.host().name());
        CountDownLatch stopped = new CountDownLatch(1);
        if (console.ownsProcess()) {
            for (String sig : new String[] {"INT", "TERM"}) {
                try {
                    Signal.handle(new Signal(sig), s -> stopped.countDown());
                } catch (IllegalArgumentException e) {
                    // not available on this platform
                }
            }
        }
        try {
            node.vertx().deployVerticle(new Agent(node, identity, new Signer(secret), new AgentPlanner(console.env()), console.out()))
                    .toCompletionStage().toCompletableFuture().get();
            console.out().println("agent " + agentName + ": joined cluster '" + (cluster.name != null ? cluster.name : ClusterSettings.DEFAULT_NAME) + "' at " + address + " ("
                    + node.memberAddresses().size() + " member(s)), llmload " + Version.version() + "; waiting for work (Ctrl-C to leave)");
            stopped.await();
            console.out().println("agent " + agentName + ": leaving the cluster");
            return ExitCodes.OK;
        } catch (ExecutionException e) {
            console.err().println("error: the agent could not start: " + e.getCause().getMessage());
            return ExitCodes.RUN_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        } finally {
            try {
                node.close().toCompletionStage().toCompletableFuture().get();
            } catch (ExecutionException | InterruptedException e) {
                // leaving anyway
            }
        }
    }
}
