/**
 * The public Java API of llmload: the only package a library user (the JUnit 5 extension, the
 * Maven plugin, a user's own code) should import. {@link io.llmload.api.Scenario} loads or builds
 * a scenario, {@link io.llmload.api.LlmLoad} runs it and {@link io.llmload.api.RunResult} holds
 * what it measured, its checks and the reports it wrote. Everything else under {@code io.llmload}
 * is internal and may change between versions (the result records in {@code io.llmload.result},
 * reached through {@link io.llmload.api.RunResult#report()}, are the report.json model).
 */
package io.llmload.api;
