package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void splitsAnHdfsLineIntoItsFields() {
        HeaderMatch m = LogFormat.builtin("HDFS").match(
                "081109 203615 148 INFO dfs.DataNode$PacketResponder: "
                        + "PacketResponder 1 for block blk_38865049064139660 terminating");
        assertTrue(m.matched());
        assertEquals(List.of("Date", "Time", "Pid", "Level", "Component", "Content"), m.fieldNames());
        assertEquals("148", m.field("Pid"));
        assertEquals("dfs.DataNode$PacketResponder", m.field("Component"));
        assertEquals("PacketResponder 1 for block blk_38865049064139660 terminating", m.content());
    }

    @Test
    void optionalGroupMayBePresentOrAbsent() {
        LogFormat linux = LogFormat.builtin("linux");
        HeaderMatch withPid = linux.match("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown ");
        assertEquals("sshd(pam_unix)", withPid.field("Component"));
        assertEquals("19939", withPid.field("PID"));
        assertEquals("check pass; user unknown", withPid.content());

        HeaderMatch withoutPid = linux.match("Jul 27 14:41:57 combo kernel: Memory: 125312k/129720k available");
        assertEquals("kernel", withoutPid.field("Component"));
        assertNull(withoutPid.field("PID"));
        assertEquals("Memory: 125312k/129720k available", withoutPid.content());
    }

    @Test
    void fieldsAreLazyLikeTheLoghubRegex() {
        HeaderMatch m = LogFormat.builtin("Zookeeper").match("2015-07-29 17:41:44,747 - INFO  "
                + "[QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200");
        assertEquals("QuorumPeer[myid=1]/0", m.field("Node"));
        assertEquals("0:0:0:0:0:0:0:2181:FastLeaderElection", m.field("Component"));
        assertEquals("774", m.field("Id"));
        assertEquals("Notification time out: 3200", m.content());
    }

    @Test
    void bglLabelTellsNormalFromAlertLines() {
        LogFormat bgl = LogFormat.builtin("BGL");
        HeaderMatch normal = bgl.match("- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 "
                + "R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected");
        assertEquals("-", normal.label());
        assertFalse(normal.isAlert());
        assertEquals("instruction cache parity error corrected", normal.content());

        HeaderMatch alert = bgl.match("APPREAD 1117869872 2005.06.04 R04-M1-N4-I:J18-U11 2005-06-04-00.24.32.432192 "
                + "R04-M1-N4-I:J18-U11 RAS APP FATAL ciod: failed to read message prefix on control stream");
        assertEquals("APPREAD", alert.label());
        assertTrue(alert.isAlert());
        assertNull(LogFormat.builtin("HDFS").match("081109 203615 148 INFO a: b").label());
    }

    @Test
    void reportsWhichLiteralFailedAndWhere() {
        HeaderMatch m = LogFormat.builtin("Apache").match("Sun Dec 04 04:47:44 2005 notice workerEnv.init() ok");
        assertFalse(m.matched());
        assertEquals("expected literal \"[\" at char 0 but found 'S'", m.failureReason());
        assertEquals(0, m.failurePosition());
        assertThrows(IllegalStateException.class, m::content);

        HeaderMatch noColon = LogFormat.builtin("Spark").match("17/06/09 20:10:40 INFO executor.Backend Registered");
        assertFalse(noColon.matched());
        assertTrue(noColon.failureReason().startsWith("expected literal \":\" after field <Component>"),
                noColon.failureReason());

        assertEquals("empty line", LogFormat.builtin("HDFS").match("   ").failureReason());
    }

    @Test
    void compilesUserLayoutsWithEscapesAndOptionalGroups() {
        LogFormat f = LogFormat.compile("<Time>|<Comp>\\[<Pid>\\]( \\(<Addr>\\))?: <Content>");
        assertEquals(List.of("Time", "Comp", "Pid", "Addr", "Content"), f.fieldNames());
        HeaderMatch a = f.match("12:00|kernel[0] (0x1f): hello world");
        assertEquals("0x1f", a.field("Addr"));
        assertEquals("hello world", a.content());
        HeaderMatch b = f.match("12:00|kernel[0]: hello (world)");
        assertNull(b.field("Addr"));
        assertEquals("hello (world)", b.content());
        assertEquals(4, f.contentIndex());
    }

    @Test
    void knowsTheLoghubSystems() {
        assertEquals(List.of("HDFS", "Hadoop", "Spark", "Zookeeper", "BGL", "HPC", "Linux", "Apache", "Android",
                "HealthApp", "Mac", "OpenSSH", "OpenStack", "Proxifier", "Thunderbird", "Windows", "hdfs-sim"),
                List.copyOf(LogFormat.builtinLayouts().keySet()));
        assertEquals("<Date> <Time> <Pid> <Level> <Component>: <Content>", LogFormat.forName("hdfs").layout());
        assertEquals(LogFormat.forName("hdfs").layout(), LogFormat.builtin("HDFS-SIM").layout());
        assertEquals("<A> <Content>", LogFormat.forName("<A> <Content>").layout());
        assertThrows(IllegalArgumentException.class, () -> LogFormat.builtin("NoSuchSystem"));
        assertThrows(IllegalArgumentException.class, () -> LogFormat.compile("<A> <A>"));

        HeaderMatch mac = LogFormat.builtin("Mac").match("Jul  1 09:00:55 calvisitor-10-105-160-95 kernel[0]: "
                + "ARPT: 620701.011328: AirPort_Brcm43xx::syncPowerState: WWEN[enabled]");
        assertEquals("calvisitor-10-105-160-95", mac.field("User"));
        assertEquals("ARPT: 620701.011328: AirPort_Brcm43xx::syncPowerState: WWEN[enabled]", mac.content());
        HeaderMatch proxifier = LogFormat.builtin("Proxifier").match(
                "[10.30 16:49:06] chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy "
                        + "proxy.cse.cuhk.edu.hk:5070 HTTPS");
        assertEquals("chrome.exe", proxifier.field("Program"));
        HeaderMatch health = LogFormat.builtin("HealthApp")
                .match("20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579");
        assertEquals("onStandStepChanged 3579", health.content());
    }

    @Test
    void survivesJavaSerialization() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(LogFormat.builtin("Linux"));
        }
        LogFormat copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (LogFormat) in.readObject();
        }
        assertEquals("19939", copy.match("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: x").field("PID"));
    }
}
