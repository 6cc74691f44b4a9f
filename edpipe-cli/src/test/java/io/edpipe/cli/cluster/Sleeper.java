package io.edpipe.cli.cluster;

/** A node stand-in for {@link TestNodeProcess}: says it is up, then sleeps until killed. */
public final class Sleeper {
  private Sleeper() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("sleeper up: " + String.join(" ", args));
    System.out.flush();
    Thread.sleep(120_000);
  }
}
