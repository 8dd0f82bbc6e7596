package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ContentMaskerTest {

    private final ContentMasker masker = new ContentMasker();

    private void check(String message, String signature) {
        assertEquals(signature, masker.maskToString(message), message);
    }

    @Test
    void masksNumbersAndKeepsWords() {
        check("PacketResponder 1 for block blk_-6952295868487656571 terminating",
                "PacketResponder <*> for block <*> terminating");
        check("Running task 2.0 in stage 0.0 (TID 2)", "Running task <*> in stage <*> (TID <*>)");
        check("Finished task 3.0 in stage 0.0 (TID 3). 2703 bytes result sent to driver",
                "Finished task <*> in stage <*> (TID <*>). <*> bytes result sent to driver");
        check("mod_jk child init 1 -2", "mod_jk child init <*> <*>");
        check("jk2_init() Found child 6725 in scoreboard slot 10", "jk2_init() Found child <*> in scoreboard slot <*>");
        check("Intel machine check reporting enabled on CPU#0.", "Intel machine check reporting enabled on CPU#<*>.");
    }

    @Test
    void collapsesWhitespace() {
        check("  Failed to renew lease for [DFSClient_NONMAPREDUCE_1537864556_1] for 30 seconds.  Will retry ",
                "Failed to renew lease for [<*>] for <*> seconds. Will retry");
        check("", "");
    }

    @Test
    void masksIpv6AddressesAsOneVariable() {
        // made-up lines: full, compressed, loopback, IPv4-mapped, zoned, bracketed with a port
        check("peer 2001:db8:0:0:8:800:200c:417a connected", "peer <*> connected");
        check("bound to fe80::1%eth0, fallback ::1", "bound to <*>, fallback <*>");
        check("client ::ffff:192.0.2.7 sent 12 bytes", "client <*> sent <*> bytes");
        check("listening on [2001:db8::17]:8443.", "listening on [<*>]:<*>.");
        check("route 2001:db8:a::/48 via fe80::2", "route <*> via <*>"); // a prefix and its length: one value
    }

    @Test
    void clocksRatiosAndScopesAreNotIpv6() {
        check("took 12:30:45 at ratio 3:2", "took <*>:<*>:<*> at ratio <*>:<*>");
        check("called Cache::evict from Beef::feed and dead::beef", "called Cache::evict from Beef::feed and dead::beef");
    }

    @Test
    void masksAddressesHostsAndPorts() {
        check("Receiving block blk_1 src: /10.251.30.6:33145 dest: /10.251.30.6:50010",
                "Receiving block <*> src: <*>:<*> dest: <*>:<*>");
        check("10.251.30.85:50010:Got exception while serving blk_2 to /10.251.90.64:",
                "<*>:<*>:Got exception while serving <*> to <*>:");
        check("Address change detected. Old: msra-sa-41/10.190.173.170:9000 New: msra-sa-41:9000",
                "Address change detected. Old: <*>/<*>:<*> New: <*>:<*>");
        check("Retrying connect to server: msra-sa-41:8030. Already tried 0 time(s)",
                "Retrying connect to server: <*>:<*>. Already tried <*> time(s)");
        check("Resolved MSRA-SA-39.fareast.corp.microsoft.com to /default-rack", "Resolved <*> to <*>");
        check("After Scheduling: PendingReds:1 ScheduledMaps:9", "After Scheduling: PendingReds:<*> ScheduledMaps:<*>");
        check("Link error on broadcast tree Interconnect-0T00:00:2:1",
                "Link error on broadcast tree Interconnect-<*>:<*>:<*>:<*>");
        check("New ido chip inserted into the database: FF:F2:9F:15:1F:72:00:0D:60:EA:E0:8D ip=10.7.0.13 v=9",
                "New ido chip inserted into the database: <*> ip=<*> v=<*>");
    }

    @Test
    void masksPathsAndUrls() {
        check("Deleting block blk_1 file /mnt/hadoop/dfs/data/current/subdir5/blk_1", "Deleting block <*> file <*>");
        check("ciod: Error loading ./runtime_malloc: invalid or missing program image",
                "ciod: Error loading <*>: invalid or missing program image");
        check("ciod: LOGIN chdir(/p/gb2/glosli/8M_5000K/t800) failed", "ciod: LOGIN chdir(<*>) failed");
        check("Input split: hdfs://10.10.34.11:9000/pjhe/logs/2kSOSP.log:21876+7292", "Input split: hdfs://<*>");
        check("Default file system [hdfs://msra-sa-41:9000]", "Default file system [hdfs://<*>:<*>]");
        check("For more details see: http://wiki.apache.org/hadoop/NoRouteToHost",
                "For more details see: http://wiki.apache.org/hadoop/NoRouteToHost");
        check("Extract jar:file:/D:/hadoop-2.6.0/share/yarn.jar!/webapps/mapreduce to C:\\Users\\msrabi\\Temp\\webapp",
                "Extract jar:file:<*> to <*>");
        check("power/control problem, PS/2, PIIX/ICH [8086/2410]", "power/control problem, PS/<*>, PIIX/ICH [<*>/<*>]");
        // invented: request targets with and without a query string have the same shape
        check("GET /api/v1/users/12345/orders?page=3&size=20 returned 200 (\"/cart?id=7\")",
                "GET <*> returned <*> (\"<*>\")");
        check("GET /api/v1/users/12345/orders returned 200", "GET <*> returned <*>");
        // invented: a stack frame's source file stays, its line number is a variable; a host before a port is not
        check("at org.acme.Worker$Task.run(Worker.java:117) via cache-3.example.net:6379",
                "at org.acme.Worker$Task.run(Worker.java:<*>) via <*>:<*>");
    }

    @Test
    void masksIdentifiersButNotNamesWithDigits() {
        check("Found block rdd_2_0 locally", "Found block <*> locally");
        check("job_1445144423722_0020Job Transitioned from NEW to INITED", "<*> Transitioned from NEW to INITED");
        check("generating core.2275", "generating core.<*>");
        check("NIFF: node node-129 via interface ee0", "NIFF: node node-<*> via interface ee0");
        check("jetty-6.1.26 hadoop-metrics2.properties HttpServer2$QuotingInputFilter",
                "jetty-<*> hadoop-metrics2.properties HttpServer2$QuotingInputFilter");
        check("BP-1347369012-10.190.173.170-1444972147527:blk_1073743512_2731", "BP-<*>:<*>");
        check("Targeting nodes:node-[104-127]", "Targeting nodes:node-[<*>-<*>]");
        check("[instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] VM Started", "[instance: <*>] VM Started");
        // invented: a UUID with an all-letter group stays one id, words of hex letters in a hyphenated name do not
        check("job 3f2b8c1e-dadc-4c56-936f-8d6d8ec45803 queued", "job <*> queued");
        check("feed-cafe-7 rebuilt", "feed-cafe-<*> rebuilt");
        check("iar 003a90fc dear 00b360e8 fpr29=0xffffffff ffffffff", "iar <*> dear <*> fpr29=<*> <*>");
        check("Security Scaffold v1.0.0 initialized, Version 1.0.6", "Security Scaffold <*> initialized, Version <*>");
        check("program interrupt: illegal instruction......0", "program interrupt: illegal instruction......<*>");
    }

    @Test
    void masksKeyValueValuesThatAreValues() {
        check("authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4  user=root",
                "authentication failure; logname= uid=<*> euid=<*> tty=NODEVssh ruser= rhost=<*> user=<*>");
        check("MACHINE CHECK DCR read timeout (mc=e08x iar 0x00000000 lr 0xc00045a4)",
                "MACHINE CHECK DCR read timeout (mc=<*> iar <*> lr <*>)");
        check("Added global filter 'safety' (class=org.apache.hadoop.http.HttpServer2$QuotingInputFilter)",
                "Added global filter 'safety' (class=org.apache.hadoop.http.HttpServer2$QuotingInputFilter)");
        check("OutputCommitter set in config null, nodeBlacklistingEnabled:true",
                "OutputCommitter set in config <*>, nodeBlacklistingEnabled:<*>");
    }

    @Test
    void anEmailAddressIsOneVariableAndAnObjectsDefaultStringKeepsItsClass() {
        // invented lines
        check("sent reset link to ann.lee@example.com.", "sent reset link to <*>.");
        check("notify (to=ops+alerts@mail.example.org) queued", "notify (to=<*>) queued");
        check("leaked com.acme.cache.Entry@1a2b3c", "leaked com.acme.cache.Entry@<*>");
    }

    @Test
    void aCountWithThousandsSeparatorsIsOneValueAfterAKey() {
        // invented lines
        check("export finished rows=1,234,567 skipped=3", "export finished rows=<*> skipped=<*>");
        check("copied count=12,480 files", "copied count=<*> files");
    }

    @Test
    void aMonthNameBetweenTheDayAndYearOfASlashedDateIsPartOfTheDate() {
        // invented lines: an access-log time a month apart from another has the same signature
        String december = new ContentMasker().maskToString(
                "client 10.1.2.3 at [03/Dec/2026:10:15:30 +0000] sent 512 bytes");
        assertEquals("client <*> at [<*>/<*>/<*>:<*>:<*>:<*> +0000] sent <*> bytes", december);
        assertEquals(december, new ContentMasker().maskToString(
                "client 10.9.8.7 at [14/Jan/2027:08:01:02 +0000] sent 77 bytes"));
        check("report for 7/Jan/2027 ready", "report for <*>/<*>/<*> ready");
        // a month name that is not between a day and a year stays a word
        check("archived Dec/2026 logs", "archived Dec/<*> logs");
    }

    @Test
    void followsTheLoghubConventionsForUnitsDatesAndBrackets() {
        check("Block broadcast_9 stored as values in memory (estimated size 8.8 KB, free 14.0 KB)",
                "Block <*> stored as values in memory (estimated size <*>, free <*>)");
        check("1,234 bytes (1.2 KB) sent, took 12ms", "<*> bytes (<*>) sent, took <*>");
        check("connection from 24.54.76.216 (24-54-76-216.bflony.adelphia.net) at Fri Jun 17 07:07:00 2005",
                "connection from <*> (<*>) at <*>:<*>:<*>");
        // a closing '>' is punctuation like any other: it stays (made-up line)
        check("granted container <memory:2048, cores:4> to app", "granted container <memory:<*>, cores:<*>> to app");
        check("IOThunderboltSwitch<0>(0x0)::listenerCallback", "IOThunderboltSwitch<<*>>(<*>)::listenerCallback");
        check("Saturday May is a month", "Saturday May is a month");
    }

    @Test
    void hashIdentifiesTheSignature() {
        long a = masker.mask("Got assigned task 1");
        long b = masker.mask("Got assigned task 22");
        assertEquals(a, b);
        assertEquals(a, ContentMasker.hashOf("Got assigned task <*>"));
        assertEquals("Got assigned task <*>", masker.signature());
        assertNotEquals(a, masker.mask("Got assigned tasks 1"));
    }
}
