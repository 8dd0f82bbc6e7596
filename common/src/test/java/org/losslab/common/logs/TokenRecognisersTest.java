package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** Each recogniser on made-up tokens, the whole token as {@code [0, length)}. */
class TokenRecognisersTest {

    private interface Range {
        boolean test(char[] in, int s, int e);
    }

    private interface Match {
        int end(char[] in, int p, int e);
    }

    private static Predicate<String> whole(Range r) {
        return t -> r.test(t.toCharArray(), 0, t.length());
    }

    /** The recogniser consumes the whole token. */
    private static Predicate<String> all(Match m) {
        return t -> m.end(t.toCharArray(), 0, t.length()) == t.length();
    }

    private static void accepts(Predicate<String> p, String... tokens) {
        for (String t : tokens) {
            assertTrue(p.test(t), t);
        }
    }

    private static void rejects(Predicate<String> p, String... tokens) {
        for (String t : tokens) {
            assertFalse(p.test(t), t);
        }
    }

    @Test
    void networkAddresses() {
        accepts(whole(NetworkTokens::isIpv4), "192.0.2.7", "10.0.0.1");
        rejects(whole(NetworkTokens::isIpv4), "1.2.3", "1.2.3.4.5", "v1.2.3.4", "1234.1.1.1");
        accepts(all(NetworkTokens::matchIpv6), "2001:db8::17", "::1", "fe80::1%eth0", "::ffff:192.0.2.7",
                "2001:db8:0:0:8:800:200c:417a");
        rejects(all(NetworkTokens::matchIpv6), "12:30:45", "3:2", "dead::beef", "1:2:3:4:5:6:7:8:9");
        accepts(all(NetworkTokens::matchMac), "00:1b:44:11:3a:b7", "00-1B-44-11-3A-B7");
        rejects(all(NetworkTokens::matchMac), "00:1b:44", "0:1b:44:11:3a:b7");
        accepts(whole(NetworkTokens::isFqdnWithDigits), "node12.rack.example.org", "db3.eu.example.com");
        rejects(whole(NetworkTokens::isFqdnWithDigits), "node.rack.example.org", "a.b2.example.org", "x1.y.z");
        accepts(whole(NetworkTokens::isHostName), "build-7.example.net", "cache_2");
        rejects(whole(NetworkTokens::isHostName), "a/b", "x:y", "", "Server.java");
        // before ":117" a source file is the code's own location, a host name is a machine
        accepts(whole(NetworkTokens::isSourceFile), "Server.java", "Outer$Inner.scala", "main.go", "queue.c");
        rejects(whole(NetworkTokens::isSourceFile), "example.pl", "db-01.corp.com", "Server.javax", ".java", "1x.c");
        accepts(all(NetworkTokens::matchEmail), "ann.lee@example.com", "ops+alerts@mail.example.org", "b_2@x-y.io");
        // an object's default string, a user at a host, a one-letter top-level domain, an empty local part
        rejects(all(NetworkTokens::matchEmail), "com.acme.Foo@1a2b3c", "ann@localhost", "a@b.c", "@example.com",
                "ann@.example.com");
    }

    @Test
    void numbers() {
        accepts(all(NumberTokens::matchThousands), "1,048,576", "12,000");
        rejects(all(NumberTokens::matchThousands), "1,23", "1234,567", "x1,000");
        accepts(whole(NumberTokens::isNumberWord), "42", "-3.5", "(7", "1,5");
        rejects(whole(NumberTokens::isNumberWord), "4x", "abc", "7.");
        accepts(whole(NumberTokens::isSizeUnit), "GB", "KiB", "kb,", "MB)");
        rejects(whole(NumberTokens::isSizeUnit), "GBs", "bytes", "XB");
        accepts(whole(NumberTokens::isHexLiteral), "0x7fff", "-0x1A");
        rejects(whole(NumberTokens::isHexLiteral), "0x", "0xg1", "7fff");
        accepts(whole(NumberTokens::isLongHex), "9f86d081", "ffffffff", "a1b2c3");
        rejects(whole(NumberTokens::isLongHex), "abcdef", "9f86", "deadbeefz");
        accepts(whole(NumberTokens::isUuid), "3f2b8c1e-dadc-4c56-936f-8d6d8ec45803",
                "00000000-0000-0000-0000-000000000000", "ABCDEF01-ABCD-ABCD-ABCD-ABCDEF012345");
        rejects(whole(NumberTokens::isUuid), "3f2b8c1e-dadc-4c56-936f-8d6d8ec4580",
                "3f2b8c1e-dadc-4c56-936f8-d6d8ec45803", "3f2b8c1e-dadc-4c56-936f-8d6d8ec4580g", "x-y");
        accepts(whole(NumberTokens::isVersion), "v2.4.1", "V10.0");
        rejects(whole(NumberTokens::isVersion), "v2", "version", "v2x.1");
        accepts(whole(NumberTokens::isUnderscoreId), "job_17", "part_-42", "task_2024_0311_r_000007");
        rejects(whole(NumberTokens::isUnderscoreId), "read_only", "max_len", "v_x2");
    }

    @Test
    void datesAndClocks() {
        accepts(whole(DateTokens::isClock), "09:14", "23:59:01", "23:59:01.250", "7:05:00,5");
        rejects(whole(DateTokens::isClock), "9", "123:00", "12:3", "12:30:45:10");
        accepts(whole(DateTokens::isMonth), "Mar", "March", "Dec");
        rejects(whole(DateTokens::isMonth), "mar", "Marc", "Mars");
        accepts(whole(DateTokens::isWeekday), "Tue", "Tuesday");
        accepts(whole(DateTokens::isDatePart), "Mar", "5", "05,", "2024");
        rejects(whole(DateTokens::isDatePart), "123", "May5");
        accepts(whole(DateTokens::isYear), "2024", "1999");
        rejects(whole(DateTokens::isYear), "3024", "202", "20x4");
    }

    @Test
    void paths() {
        accepts(all(PathTokens::matchPath), "/var/lib/app/17.db", "./cache/a", "../x", "~/notes", "C:\\data\\run.log");
        rejects(all(PathTokens::matchPath), "/", "//x", "a/b", "./");
        // a request target with its query string is one variable; a path alone still stops at '='
        accepts(all(PathTokens::matchPath), "/api/items/42?page=3&size=20", "/search?q=a,b;c=d");
        String quoted = "/shop/cart?id=7&x=1\")";
        org.junit.jupiter.api.Assertions.assertEquals(quoted.length() - 2, PathTokens.matchPath(quoted.toCharArray(),
                0, quoted.length()), "the closing quote and bracket are not the query's");
        String assigned = "/opt/app=on";
        org.junit.jupiter.api.Assertions.assertEquals(8, PathTokens.matchPath(assigned.toCharArray(), 0,
                assigned.length()));
        assertTrue(PathTokens.isUrlTrailer(')'));
        assertFalse(PathTokens.isUrlTrailer('/'));
    }
}
