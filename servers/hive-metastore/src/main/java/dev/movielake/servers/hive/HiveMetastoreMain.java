package dev.movielake.servers.hive;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.IHMSHandler;
import org.apache.hadoop.hive.metastore.RetryingHMSHandler;
import org.apache.hadoop.hive.metastore.TSetIpAddressProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.server.ServerContext;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TServerEventHandler;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportFactory;

/**
 * A Hive Metastore on 127.0.0.1 only. Hive 2.3's own main binds every interface and has no bind
 * host setting, so this serves the same handler (HMSHandler behind RetryingHMSHandler) on a socket
 * of its own.
 *
 * <p>Its one argument is a properties file: {@code javax.jdo.option.ConnectionURL}, {@code
 * javax.jdo.option.ConnectionUserName}, {@code javax.jdo.option.ConnectionPassword}, {@code
 * hive.metastore.warehouse.dir}, {@code hive.metastore.port}, and any further Hive or Hadoop key
 * (e.g. {@code fs.s3a.*} for an s3a:// warehouse). The password stays in that file, never on the
 * command line.
 */
public final class HiveMetastoreMain {
  /** What a starter waits for in the output before it uses the port. */
  public static final String STARTED = "Hive Metastore started on ";

  private HiveMetastoreMain() {}

  public static void main(String[] arguments) throws Exception {
    if (arguments.length != 1) {
      System.err.println("usage: HiveMetastoreMain <settings.properties>");
      System.exit(2);
    }
    Properties settings = load(Path.of(arguments[0]));
    HiveConf conf = configuration(settings);
    int port =
        Integer.parseInt(required(settings, HiveConf.ConfVars.METASTORE_SERVER_PORT.varname));

    new TransactionSchema(
            conf.getVar(HiveConf.ConfVars.METASTORECONNECTURLKEY),
            conf.getVar(HiveConf.ConfVars.METASTORE_CONNECTION_USER_NAME),
            conf.getVar(HiveConf.ConfVars.METASTOREPWD))
        .apply();

    // init=false: RetryingHMSHandler runs init itself, with retries (creates the default database).
    HiveMetaStore.HMSHandler base =
        new HiveMetaStore.HMSHandler("movielake hive metastore", conf, false);
    IHMSHandler handler = RetryingHMSHandler.getProxy(conf, base, false);
    TServerSocket socket =
        new TServerSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    TServer server =
        new TThreadPoolServer(
            new TThreadPoolServer.Args(socket)
                .processor(new TSetIpAddressProcessor<>(handler))
                .transportFactory(new TTransportFactory())
                .protocolFactory(new TBinaryProtocol.Factory())
                .minWorkerThreads(conf.getIntVar(HiveConf.ConfVars.METASTORESERVERMINTHREADS))
                .maxWorkerThreads(conf.getIntVar(HiveConf.ConfVars.METASTORESERVERMAXTHREADS)));
    server.setServerEventHandler(new StartedMessage(socket.getServerSocket().getLocalPort()));
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "hive-metastore-stop"));
    server.serve();
  }

  private static HiveConf configuration(Properties settings) {
    HiveConf conf = new HiveConf();
    String url = required(settings, HiveConf.ConfVars.METASTORECONNECTURLKEY.varname);
    if (url.startsWith("jdbc:postgresql:")) {
      conf.setVar(HiveConf.ConfVars.METASTORE_CONNECTION_DRIVER, "org.postgresql.Driver");
    }
    required(settings, HiveConf.ConfVars.METASTOREWAREHOUSE.varname);
    // The JDO tables come from DataNucleus on first start; the lock tables from TransactionSchema.
    conf.setBoolVar(HiveConf.ConfVars.METASTORE_AUTO_CREATE_ALL, true);
    conf.setBoolVar(HiveConf.ConfVars.METASTORE_SCHEMA_VERIFICATION, false);
    conf.setVar(
        HiveConf.ConfVars.METASTORE_EXPRESSION_PROXY_CLASS,
        "org.apache.hadoop.hive.metastore.DefaultPartitionExpressionProxy");
    // Iceberg owns its tables' schemas; Hive's own column type checks do not apply to them.
    conf.setBoolVar(HiveConf.ConfVars.METASTORE_DISALLOW_INCOMPATIBLE_COL_TYPE_CHANGES, false);
    // Iceberg writes s3:// locations (S3FileIO); Hadoop 3 serves that scheme only through s3a.
    conf.set("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    conf.setIntVar(HiveConf.ConfVars.METASTORESERVERMINTHREADS, 4);
    conf.setIntVar(HiveConf.ConfVars.METASTORESERVERMAXTHREADS, 64);
    settings.stringPropertyNames().forEach(key -> conf.set(key, settings.getProperty(key)));
    return conf;
  }

  private static Properties load(Path file) throws IOException {
    Properties settings = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      settings.load(in);
    }
    return settings;
  }

  private static String required(Properties settings, String key) {
    String value = settings.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the settings file has no " + key + "; add it");
    }
    return value;
  }

  /** Says once, when the socket accepts, that the metastore serves. */
  private static final class StartedMessage implements TServerEventHandler {
    private final int port;

    StartedMessage(int port) {
      this.port = port;
    }

    @Override
    public void preServe() {
      System.out.println(STARTED + "127.0.0.1:" + port);
      System.out.flush();
    }

    @Override
    public ServerContext createContext(TProtocol input, TProtocol output) {
      return null;
    }

    @Override
    public void deleteContext(ServerContext context, TProtocol input, TProtocol output) {}

    @Override
    public void processContext(ServerContext context, TTransport input, TTransport output) {}
  }
}
