package io.llmload.scenario;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * Jackson's YAML parser for scenario text, with SnakeYAML reading from memory
 * ({@link InMemoryStreamReader}) instead of its quadratic window. Jackson leaves the parser
 * open to this: {@code YAMLFactory._createParser} is its documented extension point and
 * {@code YAMLParser} has a constructor taking SnakeYAML's {@link ParserImpl}.
 *
 * <p>Thread contract: the factory is immutable and shared; each parser is one reader's.
 */
final class ScenarioYaml extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    ScenarioYaml() {
        super(YAMLFactory.builder().loaderOptions(loaderOptions()));
    }

    /** A parser of {@code text}, which {@link SourceText#checkYaml} has passed. */
    YAMLParser parse(String text) throws IOException {
        return createParser(new StringReader(text));
    }

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
        String text = readAll(reader);
        ParserImpl events = new ParserImpl(new InMemoryStreamReader(text), _loaderOptions);
        return new Parser(context, _parserFeatures, _yamlParserFeatures, _objectCodec, reader, events);
    }

    @Override
    protected YAMLParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable) throws IOException {
        return _createParser(new StringReader(new String(data, offset, length)), context);
    }

    /**
     * SnakeYAML's document limit, in code points, set to the file limit in bytes: {@link SourceText}
     * has refused larger text already, and this limit is checked only between tokens, so it could
     * not stop one long value by itself.
     */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(SourceText.MAX_BYTES);
        return options;
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while ((n = reader.read(buffer)) > 0) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    /**
     * Jackson's YAML parser over the given SnakeYAML parser, which also shows the SnakeYAML event
     * behind the current token: Jackson turns an alias into the string of its name and keeps no
     * anchor of a scalar value, so {@link TreeReader} reads those from the event.
     */
    static final class Parser extends YAMLParser {
        private Event last;

        Parser(IOContext context, int parserFeatures, int formatFeatures, ObjectCodec codec, Reader reader, ParserImpl events) {
            super(context, parserFeatures, formatFeatures, codec, reader, events);
        }

        /** Jackson's hook for the events it consumes ({@code YAMLParser.getEvent}, since 2.18). */
        @Override
        protected Event getEvent() throws IOException {
            last = super.getEvent();
            return last;
        }

        /** The event the current token came from (Jackson skips document events, so the last one read is it). */
        Event lastEvent() {
            return last;
        }
    }
}
