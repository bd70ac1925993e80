package io.llmload.workload;

import io.llmload.client.Tokenizers;
import io.llmload.scenario.DatasetSpec;
import java.nio.file.Path;
import java.util.Map;

/** Loads a dataset in a JVM of its own (see {@link DatasetMemoryTest}) and prints the pool size. */
public final class DatasetLoadMain {
    private DatasetLoadMain() {
    }

    public static void main(String[] args) throws Exception {
        DatasetSpec spec = new DatasetSpec(Path.of(args[0]), args[1], null, Integer.parseInt(args[2]), DatasetSpec.OUTPUT_REFERENCE);
        DatasetSource source = DatasetSource.load(spec, new BodyTemplate("m", true, null, false, false, Map.of()),
                Tokenizers.encoding("cl100k_base"), "cl100k_base", 1);
        System.out.println("pool " + source.size());
    }
}
