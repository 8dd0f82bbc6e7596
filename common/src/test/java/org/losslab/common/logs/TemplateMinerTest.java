package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TemplateMinerTest {

    private static final List<String> LINES = SyntheticLogs.generate(3000, 7);

    @Test
    void findsTheGeneratingTemplates() {
        TemplateModel model = TemplateMiner.mine(LINES);
        Set<String> mined = model.templates().stream().map(LogTemplate::template)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(SyntheticLogs.TEMPLATES), mined);
        long total = model.templates().stream().mapToLong(LogTemplate::count).sum();
        assertEquals(LINES.size(), total);
    }

    @Test
    void everyLineGetsItsTemplateAndVariables() {
        TemplateModel model = TemplateMiner.mine(LINES);
        TemplateModel.Matcher m = model.matcher();
        for (String line : LINES) {
            ParsedMessage p = m.parse(line);
            assertTrue(p.known());
            assertEquals(TemplateModel.idOf(p.template()), p.templateId());
            assertEquals(p.template().split("<\\*>", -1).length - 1, p.variables().size(), line);
        }
        ParsedMessage p = m.parse("Received block blk_-42 of size 7 from /10.0.0.1");
        assertEquals("Received block <*> of size <*> from <*>", p.template());
        assertEquals(List.of("blk_-42", "7", "/10.0.0.1"), p.variables());

        ParsedMessage spread = m.parse("BLOCK* ask 10.1.2.3:50010 to delete  blk_1 blk_2 blk_3");
        assertEquals("BLOCK* ask <*>:<*> to delete <*>", spread.template());
        assertEquals(List.of("10.1.2.3", "50010", "blk_1 blk_2 blk_3"), spread.variables());

        ParsedMessage multiWord = m.parse("Server environment:java.vendor=Oracle Corporation");
        assertEquals("Server environment:<*>", multiWord.template());
        assertEquals(List.of("java.vendor=Oracle Corporation"), multiWord.variables());
    }

    @Test
    void variableSpansAreAllocationFreeAlternative() {
        TemplateModel model = TemplateMiner.mine(LINES);
        TemplateModel.Matcher m = model.matcher();
        int[] spans = new int[16];
        String line = "Connection from 10.9.8.7:4242 closed after 12ms";
        int t = m.templateIndexAndSpans(line, spans);
        assertEquals("Connection from <*>:<*> closed after <*>", model.templates().get(t).template());
        assertEquals("10.9.8.7", line.substring(spans[0], spans[1]));
        assertEquals("4242", line.substring(spans[2], spans[3]));
        assertEquals("12ms", line.substring(spans[4], spans[5]));
        assertEquals(3, m.variableSpans(line, t, spans));
    }

    @Test
    void unseenMessagesFallBackToAMatchingTemplateOrTheirOwnSignature() {
        TemplateModel model = TemplateMiner.mine(LINES);
        TemplateModel.Matcher m = model.matcher();
        ParsedMessage user = m.parse("session opened for user somebodynew by (uid=1)");
        assertTrue(user.known());
        assertEquals("session opened for user <*> by (uid=<*>)", user.template());
        assertEquals(List.of("somebodynew", "1"), user.variables());

        ParsedMessage unknown = m.parse("Disk /dev/sda1 is 93% full");
        assertFalse(unknown.known());
        assertEquals("Disk <*> is <*> full", unknown.template());
        assertEquals(TemplateModel.idOf("Disk <*> is <*> full"), unknown.templateId());
        assertEquals(List.of("/dev/sda1", "93%"), unknown.variables());
        assertEquals(-1, m.templateIndex("Disk /dev/sdb2 is 5% full"));
    }

    @Test
    void idsAreShortHashesOfTheTemplateText() {
        TemplateModel model = TemplateMiner.mine(LINES);
        for (LogTemplate t : model.templates()) {
            assertTrue(t.id().matches("T[0-9a-f]{12}"), t.id());
            assertEquals(TemplateModel.idOf(t.template()), t.id());
            assertEquals(t, model.template(t.id()));
        }
        assertEquals("T" + String.format("%012x", ContentMasker.hashOf("Deleting file <*>") >>> 16),
                TemplateModel.idOf("Deleting file <*>"));
    }

    @Test
    void statisticsAndModelSurviveSerialization() {
        TemplateStatistics stats = new TemplateStatistics().addAll(LINES);
        TemplateStatistics copy = SyntheticLogs.roundTrip(stats);
        assertEquals(stats.signatureCounts(), copy.signatureCounts());
        assertEquals(stats.lineCount(), copy.lineCount());
        copy.add("Deleting file /x/y");
        assertEquals(stats.lineCount() + 1, copy.lineCount());

        TemplateModel model = TemplateMiner.mine(stats);
        TemplateModel shipped = SyntheticLogs.roundTrip(model);
        assertEquals(model.templates(), shipped.templates());
        ParsedMessage p = shipped.parse("PacketResponder 2 for block blk_9 terminating");
        assertEquals(model.parse("PacketResponder 2 for block blk_9 terminating"), p);
        assertNotNull(shipped.template(p.templateId()));
    }

    @Test
    void mergingWithItselfDoublesCounts() {
        TemplateStatistics stats = new TemplateStatistics().addAll(LINES.subList(0, 100));
        long before = stats.lineCount();
        stats.merge(stats);
        assertEquals(2 * before, stats.lineCount());
        assertEquals(2 * before, stats.signatureCounts().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aQuotedStringOfAnyWordCountIsOneVariableWhenItVaries() {
        // invented: one event whose quoted argument (48 names, each once) has one to four words, and another
        // event with the same quoted phrase on every line
        String[] firsts = {"Ann", "Bo", "Cy", "Dee", "Eva", "Finn"};
        String[] lasts = {"", " Lee", " de la Cruz", " van Dam", " Ek", " Maria Lind", " Ho", " Moe"};
        List<String> lines = new java.util.ArrayList<>();
        for (String first : firsts) {
            for (String last : lasts) {
                lines.add("account \"" + first + last + "\" renamed by operator");
                lines.add("backup of \"nightly full set\" finished");
            }
        }
        TemplateModel model = TemplateMiner.mine(lines);
        assertEquals(new TreeSet<>(List.of("account \"<*>\" renamed by operator",
                "backup of \"nightly full set\" finished")), templatesOf(model));
        ParsedMessage p = model.matcher().parse("account \"Cy de la Cruz\" renamed by operator");
        assertEquals(List.of("Cy de la Cruz"), p.variables());
    }

    /** The tokens of a space-separated signature after {@link SignatureTokens#joinSpans}. */
    private static List<String> joined(String signature) {
        return List.of(SignatureTokens.joinSpans(signature.split(" ")));
    }

    @Test
    void quotedSpansJoinIntoOneTokenAndAnUnclosedQuoteJoinsNothing() {
        assertEquals(List.of("say", "\"a b c\"", "now"), joined("say \"a b c\" now"));
        assertEquals(List.of("msg=\"request done\"", "status=<*>"), joined("msg=\"request done\" status=<*>"));
        assertEquals(List.of("a", "\"one\"", "b"), joined("a \"one\" b"));
        assertEquals(List.of("an", "\"open", "quote"), joined("an \"open quote"));
        // single quotes: a span of words, also after key=; apostrophes in words and an unclosed quote join nothing
        assertEquals(List.of("open", "'Q3 budget draft.txt':", "denied"), joined("open 'Q3 budget draft.txt': denied"));
        assertEquals(List.of("name='Ann Lee'", "ok"), joined("name='Ann Lee' ok"));
        assertEquals(List.of("result", "'exit-code'."), joined("result 'exit-code'."));
        assertEquals(List.of("don't", "stop", "it's", "fine"), joined("don't stop it's fine"));
        assertEquals(List.of("an", "'open", "quote"), joined("an 'open quote"));
        // parentheses: a group of words, closed by a parenthesis that ends its token; structure inside joins nothing
        assertEquals(List.of("worker", "(annual budget)", "finished"), joined("worker (annual budget) finished"));
        assertEquals(List.of("pause", "(G1 Evacuation Pause),", "done"), joined("pause (G1 Evacuation Pause), done"));
        assertEquals(List.of("login", "(uid=0", "euid=0)"), joined("login (uid=0 euid=0)"));
        assertEquals(List.of("f(a", "b)"), joined("f(a b)"));
        assertEquals(List.of("an", "(open", "aside"), joined("an (open aside"));
        assertEquals(List.of("moved", "[orders-<*>, orders-<*>, clicks-<*>]", "to"),
                joined("moved [orders-<*>, orders-<*>, clicks-<*>] to"));
        assertEquals(List.of("tags", "{env=prod, team=search},", "done"), joined("tags {env=prod, team=search}, done"));
        // brackets around words that are not a comma-separated list, JSON pairs, a list that never closes
        assertEquals(List.of("[client", "<*>]", "denied"), joined("[client <*>] denied"));
        assertEquals(List.of("{\"a\":", "<*>,", "\"b\":", "<*>}"), joined("{\"a\": <*>, \"b\": <*>}"));
        assertEquals(List.of("[a,", "b,", "c"), joined("[a, b, c"));
        // an object's key=value list, whose values may have several words, is one collection
        assertEquals(List.of("saved", "Order{id=<*>, customer=Ann de la Cruz, items=<*>}"),
                joined("saved Order{id=<*>, customer=Ann de la Cruz, items=<*>}"));
        assertEquals(List.of("Order{note=two words}", "saved"), joined("Order{note=two words} saved"));
        // without brackets, each field of such a list is one token
        assertEquals(List.of("id=<*>,", "customer=Ann de la Cruz,", "items=<*>"),
                joined("id=<*>, customer=Ann de la Cruz, items=<*>"));
        // prose after a lone key=value, and a list whose next item is not a key=value, join nothing
        assertEquals(List.of("result=ok", "for", "user", "bob,", "then", "x=1"),
                joined("result=ok for user bob, then x=1"));
        assertEquals(List.of("a,", "key=b", "c,", "next"), joined("a, key=b c, next"));
    }

    @Test
    void aBracketedListOfAnyLengthIsOneVariableWhenItVaries() {
        // invented: a rebalance event listing one to four partitions; another event with a fixed list
        List<String> lines = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(3);
        String[] topics = {"orders", "clicks", "users"};
        for (int i = 0; i < 60; i++) {
            StringBuilder list = new StringBuilder("[");
            int n = 1 + i % 4;
            for (int k = 0; k < n; k++) {
                list.append(k > 0 ? ", " : "").append(topics[random.nextInt(3)]).append("-p")
                        .append(random.nextInt(99));
            }
            lines.add("moved partitions " + list + "] to broker b" + random.nextInt(9));
            lines.add("replicas of [orders, clicks] in sync");
        }
        TemplateModel model = TemplateMiner.mine(lines);
        assertEquals(new TreeSet<>(List.of("moved partitions [<*>] to broker <*>",
                "replicas of [orders, clicks] in sync")), templatesOf(model));
    }

    @Test
    void aNamedParameterHoldingNamesIsAVariableButAnEnumerationSplits() {
        // invented: two hosts behind a "server:" parameter, a dotted class after "plugin=", and an enumerated
        // state, whose values name different events
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("proxy request failed, server: " + (i % 2 == 0 ? "example.com" : "shop.example.org")
                    + ", upstream timed out");
            lines.add("loaded plugin=" + (i % 3 == 0 ? "com.acme.auth.Ldap" : "org.demo.cache.Lru") + " ok");
            lines.add("pump changed state=" + (i % 2 == 0 ? "RUNNING_HOT" : "STOPPED_COLD"));
        }
        assertEquals(new TreeSet<>(List.of("proxy request failed, server: <*>, upstream timed out",
                "loaded plugin=<*> ok", "pump changed state=RUNNING_HOT", "pump changed state=STOPPED_COLD")),
                templatesOf(TemplateMiner.mine(lines)));
    }

    @Test
    void aNamedParameterWhoseValuesShareALeadingPartIsStillNamed() {
        // invented: the two launched components share "com.acme." beyond the "cmp=", which must not hide the key
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("launching activity cmp=" + (i % 3 == 0 ? "com.acme.shop/.CartActivity" : "com.acme.mail/.Inbox")
                    + " for user " + i);
        }
        assertEquals(Set.of("launching activity cmp=<*> for user <*>"), templatesOf(TemplateMiner.mine(lines)));
    }

    @Test
    void aSingleQuotedParameterKeepsBothQuotesAroundItsVariable() {
        // invented: a Java toString() dump, the customer's name in single quotes after the key
        String[] names = {"ann", "bo", "cy", "di", "ed", "flo", "gus", "hal", "ida", "jo", "kim", "lu", "max", "ned"};
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 56; i++) {
            lines.add("created Order{id=" + (1000 + i) + ", customer='" + names[i % names.length] + "', total=" + i
                    + ".50}");
        }
        assertEquals(Set.of("created Order{id=<*>, customer='<*>', total=<*>}"),
                templatesOf(TemplateMiner.mine(lines)));
    }

    @Test
    void aColumnOfSeveralParametersSplitsByKeyAndDecidesEachKeysValues() {
        // invented: one column holds either counters or the top window's class; the keys are two events, and the
        // class names of "top=" are that parameter's values, not five more events
        List<String> lines = new java.util.ArrayList<>();
        String[] windows = {"com.acme.shop/.Cart", "org.demo.notes/.Editor", "net.example.chat/.Room"};
        for (int i = 0; i < 30; i++) {
            lines.add("recent tasks: num=" + i + ",flags=0x" + (i % 4) + ",total=" + (i + 3));
            lines.add("recent tasks: top=" + windows[i % windows.length]);
        }
        assertEquals(new TreeSet<>(List.of("recent tasks: num=<*>,flags=<*>,total=<*>", "recent tasks: top=<*>")),
                templatesOf(TemplateMiner.mine(lines)));
    }

    @Test
    void aFreeTextTailOfAnyLengthIsOneVariable() {
        // invented: a reason of 2-6 words from a vocabulary, after a fixed event; and a fixed event of the same
        // shape whose last words never vary, which stays literal
        String[] words = ("disk quota exceeded for volume backup network timeout while reading peer closed stream "
                + "unexpectedly token expired checksum mismatch in block header file too large name contains "
                + "invalid characters owner lacks write permission on target folder archive format unsupported "
                + "by server version signature missing malware scan failed").split(" ");
        java.util.Random random = new java.util.Random(11);
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            StringBuilder reason = new StringBuilder();
            for (int w = 2 + random.nextInt(5); w > 0; w--) {
                reason.append(' ').append(words[random.nextInt(words.length)]);
            }
            lines.add("upload " + i + " rejected:" + reason);
            lines.add("upload " + i + " accepted: stored in primary bucket");
        }
        assertEquals(new TreeSet<>(List.of("upload <*> rejected: <*>", "upload <*> accepted: stored in primary bucket")),
                templatesOf(TemplateMiner.mine(lines)));
        ParsedMessage p = TemplateMiner.mine(lines).matcher().parse("upload 7 rejected: peer closed stream");
        assertEquals("upload <*> rejected: <*>", p.template());
        assertEquals(List.of("7", "peer closed stream"), p.variables());
    }

    @Test
    void aJsonObjectPrintedWithoutSpacesIsGroupedByItsFields() {
        // invented structured log lines as a serialiser prints them: the message names the event, the other
        // fields are values; a nested object and an escaped quote stay inside their field
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lines.add("{\"level\":\"info\",\"msg\":\"request done\",\"path\":\"/api/items/" + i + "\",\"user\":\"u"
                    + Integer.toString(i * 7919, 36) + "\",\"ctx\":{\"region\":\"eu\",\"zone\":\"b\"}}");
            lines.add("{\"level\":\"warn\",\"msg\":\"cache miss\",\"key\":\"k" + Integer.toString(i * 104729, 36)
                    + "\",\"note\":\"said \\\"retry\\\", then gave up\"}");
        }
        assertEquals(new TreeSet<>(List.of(
                "{\"level\":\"info\",\"msg\":\"request done\",\"path\":\"<*>\",\"user\":\"<*>\",\"ctx\":{\"region\":\"eu\",\"zone\":\"b\"}}",
                "{\"level\":\"warn\",\"msg\":\"cache miss\",\"key\":\"<*>\",\"note\":\"said \\\"retry\\\", then gave up\"}")),
                templatesOf(TemplateMiner.mine(lines)));
    }

    @Test
    void onlyAWholeJsonObjectTokenSplitsIntoFields() {
        List<String> tokens = new java.util.ArrayList<>(List.of("saw", "{\"a\":1,\"b\":[2,3],\"c\":\"x,y\"}", "{a,b}",
                "{\"a\":1}tail", "{\"a\":1,\"b\":2"));
        List<String> runs = new java.util.ArrayList<>(java.util.Collections.nCopies(tokens.size(), (String) null));
        List<Boolean> glued = new java.util.ArrayList<>();
        SignatureTokens.splitJsonObjects(tokens, runs, glued);
        assertEquals(List.of("saw", "{\"a\":1,", "\"b\":[2,3],", "\"c\":\"x,y\"}", "{a,b}", "{\"a\":1}tail",
                "{\"a\":1,\"b\":2"), tokens);
        assertEquals(List.of(false, false, true, true, false, false, false), glued);
        assertEquals(tokens.size(), runs.size());
    }

    @Test
    void aQuotedValueIsDataEvenFromAFewValuesButAQuotedUpperCaseConstantSplits() {
        // invented: five commands behind comm="...", quoted task names without a key, and a quoted verdict
        List<String> lines = new java.util.ArrayList<>();
        String[] commands = {"cron", "nginx", "postgres", "node", "sshd"};
        for (int i = 0; i < 50; i++) {
            lines.add("policy check pid=" + (100 + i) + " comm=\"" + commands[i % 5] + "\" verdict=\""
                    + (i % 3 == 0 ? "DENIED" : "ALLOWED") + "\"");
            lines.add("task \"" + (i % 2 == 0 ? "Nightly Sync" : "Weekly Report") + "\" started on worker " + i);
        }
        assertEquals(new TreeSet<>(List.of("policy check pid=<*> comm=\"<*>\" verdict=\"ALLOWED\"",
                "policy check pid=<*> comm=\"<*>\" verdict=\"DENIED\"", "task \"<*>\" started on worker <*>")),
                templatesOf(TemplateMiner.mine(lines)));
    }

    @Test
    void aQuotedMessageOfStructuredLinesNamesTheEventWhileOtherQuotedValuesStayData() {
        // invented: Go slog-style logfmt, pino-style JSON and structlog-style JSON with spaces, several messages
        // sharing one set of keys
        List<String> lines = new java.util.ArrayList<>();
        String[] peers = {"ann", "bo", "cy", "di", "ed", "flo", "gus", "hal", "ida", "jo", "kim", "lu", "max", "ned"};
        String[] messages = {"peer connected", "peer disconnected", "peer banned"};
        for (int i = 0; i < 90; i++) {
            lines.add("level=INFO msg=\"" + messages[i % 3] + "\" peer=" + peers[i % peers.length] + " id=" + i
                    + " agent=\"" + (i % 2 == 0 ? "curl 8.1" : "Firefox 121") + "\"");
            lines.add("{\"level\":\"info\",\"message\":\"" + (i % 2 == 0 ? "job queued" : "job started")
                    + "\",\"job\":" + (100 + i) + "}");
            lines.add("{\"event\": \"" + (i % 2 == 0 ? "cache hit" : "cache miss") + "\", \"key\": \"k" + i
                    + "\", \"owner\": \"" + peers[i % peers.length] + "\"}");
        }
        assertEquals(new TreeSet<>(List.of(
                "level=INFO msg=\"peer banned\" peer=<*> id=<*> agent=\"<*>\"",
                "level=INFO msg=\"peer connected\" peer=<*> id=<*> agent=\"<*>\"",
                "level=INFO msg=\"peer disconnected\" peer=<*> id=<*> agent=\"<*>\"",
                "{\"level\":\"info\",\"message\":\"job queued\",\"job\":<*>}",
                "{\"level\":\"info\",\"message\":\"job started\",\"job\":<*>}",
                "{\"event\": \"cache hit\", \"key\": \"<*>\", \"owner\": \"<*>\"}",
                "{\"event\": \"cache miss\", \"key\": \"<*>\", \"owner\": \"<*>\"}")),
                templatesOf(TemplateMiner.mine(lines)));
        assertEquals("msg", TemplateGrouper.parameterName("level=INFO msg=\""));
        assertEquals("message", TemplateGrouper.parameterName("{\"level\":\"info\",\"Message\":\""));
        assertEquals("event", TemplateGrouper.parameterName("\"event\":"));
        assertEquals("", TemplateGrouper.parameterName("task \""));
    }

    @Test
    void aColumnThatVariesAcrossEventsButNotWithinOneIsWrittenOutInThatEventsTemplate() {
        // invented: pino-style JSON lines of one shape; the nested object is fixed for two events and holds a
        // user name (many of them) in the third
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String head = "{\"level\":30,\"time\":" + (1733400000000L + 7919L * i) + ",\"pid\":" + (100 + 37 * i % 900)
                    + ",\"hostname\":\"web-" + (1 + i % 3) + "\",";
            String name = "u" + (char) ('a' + i % 26) + (char) ('a' + i / 26);
            lines.add(head + "\"req\":{\"method\":\"POST\",\"id\":" + (100 + i) + "},\"msg\":\"incoming request\"}");
            lines.add(head + "\"err\":{\"type\":\"TimeoutError\",\"ms\":" + (500 + i) + "},\"msg\":\"timed out\"}");
            lines.add(head + "\"user\":{\"id\":" + i + ",\"name\":\"" + name + "\"},\"msg\":\"signed in\"}");
        }
        Set<String> templates = templatesOf(TemplateMiner.mine(lines));
        String head = "{\"level\":<*>,\"time\":<*>,\"pid\":<*>,\"hostname\":\"web-<*>\",";
        assertEquals(3, templates.size(), templates.toString());
        assertTrue(templates.contains(head + "\"req\":{\"method\":\"POST\",\"id\":<*>},\"msg\":\"incoming request\"}"),
                templates.toString());
        assertTrue(templates.contains(head + "\"err\":{\"type\":\"TimeoutError\",\"ms\":<*>},\"msg\":\"timed out\"}"),
                templates.toString());
    }

    @Test
    void aSingleQuotedValueOfSeveralWordsIsOneVariable() {
        // invented: file names of one to four words in single quotes
        String[] words = {"q3", "budget", "draft", "final", "team", "offsite", "notes", "photo", "trip", "plan", "scan",
            "receipt", "lease", "memo", "logo", "poster", "agenda", "slides", "demo", "archive"};
        List<String> lines = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(17);
        for (int i = 0; i < 200; i++) {
            StringBuilder name = new StringBuilder(words[random.nextInt(words.length)]);
            for (int k = random.nextInt(4); k > 0; k--) {
                name.append(' ').append(words[random.nextInt(words.length)]);
            }
            lines.add("Could not open '" + name + ".txt': permission denied");
        }
        assertEquals(Set.of("Could not open '<*>': permission denied"), templatesOf(TemplateMiner.mine(lines)));
    }

    @Test
    void aParenthesisedGroupOfWordsIsOneValueAndAConstantOneStaysLiteral() {
        // invented: worker names of one or two words in parentheses, and a constant phase name in parentheses
        String[] words = {"annual", "budget", "draft", "final", "team", "offsite", "notes", "photo", "trip", "plan",
            "scan", "receipt", "lease", "memo", "logo", "poster", "agenda", "slides", "demo", "archive"};
        List<String> lines = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(19);
        for (int i = 0; i < 200; i++) {
            String name = words[random.nextInt(words.length)] + (i % 2 == 0 ? "" : " " + words[random.nextInt(20)]);
            lines.add("Worker (" + name + ") finished batch " + i);
            lines.add("pause (G1 Evacuation Pause) took " + (i % 40) + "." + i + "ms");
            lines.add("read timed out (host " + words[random.nextInt(words.length)] + ".example.com)");
        }
        // a word every value starts with stays in the template: the frame may end at a space inside a span
        assertEquals(Set.of("Worker (<*>) finished batch <*>", "pause (G1 Evacuation Pause) took <*>",
                "read timed out (host <*>)"), templatesOf(TemplateMiner.mine(lines)));
    }

    @Test
    void aQuotedValueWithAMaskedPartIsDataToo() {
        // invented: container images, most with a version the masker hides (nginx:<*>), one with a tag word
        List<String> lines = new java.util.ArrayList<>();
        String[] images = {"nginx:1.25", "redis:7.2", "busybox:latest", "alpine:3.19", "postgres:16.1"};
        for (int i = 0; i < 60; i++) {
            lines.add("\"Successfully pulled image\" image=\"" + images[i % images.length] + "\" duration=\""
                    + (i % 9) + "." + (10 + i) + "s\"");
        }
        assertEquals(new TreeSet<>(List.of("\"Successfully pulled image\" image=\"<*>\" duration=\"<*>\"")),
                templatesOf(TemplateMiner.mine(lines)));
    }

    @Test
    void runsOfVariablesCollapseAndKeepTheirTextWhenTheyDoNotVary() {
        List<String> tokens = new java.util.ArrayList<>();
        List<String> runs = new java.util.ArrayList<>();
        SignatureTokens.collapseRuns("took <*> <*> for <*>, <*>, <*>, then <*>, done".split(" "), tokens, runs);
        assertEquals(List.of("took", "<*>", "for", "<*>,", "then", "<*>,", "done"), tokens);
        assertEquals(java.util.Arrays.asList(null, "<*> <*>", null, "<*>, <*>, <*>,", null, null, null), runs);

        // invented: an unbracketed list of one to four ids (its length varies), and a pair that never varies
        List<String> lines = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 40; i++) {
            StringBuilder ids = new StringBuilder();
            for (int k = 0; k <= i % 4; k++) {
                ids.append(k > 0 ? ", " : "").append(random.nextInt(100000));
            }
            lines.add("evicted cache entries: " + ids);
            lines.add("resized pool from " + random.nextInt(99) + ", " + random.nextInt(99) + " to default");
        }
        assertEquals(new TreeSet<>(List.of("evicted cache entries: <*>", "resized pool from <*>, <*> to default")),
                templatesOf(TemplateMiner.mine(lines)));
    }

    @Test
    void aMultiWordFieldOfAnObjectDumpIsOneVariable() {
        // invented: an object printed with its fields, one of them a name of one to four words (each once)
        String[] firsts = {"Ann", "Bo", "Cy", "Dee", "Eva", "Finn"};
        String[] lasts = {"", " Lee", " de la Cruz", " van Dam", " Ek", " Maria Lind", " Ho", " Moe"};
        List<String> lines = new java.util.ArrayList<>();
        int id = 100;
        for (String first : firsts) {
            for (String last : lasts) {
                lines.add("saved Order{id=" + id++ + ", customer=" + first + last + ", items=" + id % 7 + "}");
            }
        }
        assertEquals(new TreeSet<>(List.of("saved Order{id=<*>, customer=<*>, items=<*>}")),
                templatesOf(TemplateMiner.mine(lines)));
    }

    private static Set<String> templatesOf(TemplateModel model) {
        return model.templates().stream().map(LogTemplate::template).collect(Collectors.toCollection(TreeSet::new));
    }
}
