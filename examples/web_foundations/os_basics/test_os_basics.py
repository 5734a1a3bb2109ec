"""Processes, signals, threads, IPC, non-blocking I/O and memory, each shown with real processes and sockets."""

import errno
import signal
import socket
import sys
import threading
import time

import pytest

from examples.web_foundations.os_basics import counter, event_loop, ipc, memory, ports, processes

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="signals and Unix sockets are POSIX features")


def test_exit_status_is_zero_on_success_and_chosen_by_the_program_otherwise():
    assert processes.exit_status("pass") == 0
    assert processes.exit_status("import sys; sys.exit(3)") == 3
    assert processes.exit_status("raise RuntimeError('boom')") == 1  # an uncaught exception


@posix_only
def test_a_worker_that_handles_sigterm_finishes_its_job_and_exits_zero():
    child = processes.start_worker()
    time.sleep(0.1)  # let it do a few jobs
    code, output = processes.stop(child)
    assert code == 0
    assert output.startswith("finished cleanly after ")


@posix_only
def test_a_process_without_a_handler_is_killed_by_sigterm():
    child = processes.start_worker(handle_sigterm=False)
    code, output = processes.stop(child)
    assert code == -signal.SIGTERM  # subprocess reports "killed by signal N" as -N; a shell shows 128 + N
    assert output == ""


def test_a_race_between_read_and_write_loses_an_update():
    shared = counter.UnsafeCounter()
    both_have_read = threading.Barrier(2)  # force the bad interleaving: both threads read 0 first
    counter.run_in_threads(lambda: shared.increment(pause=both_have_read.wait), threads=2, times=1)
    assert shared.value == 1  # two increments, one lost


def test_many_unsynchronized_increments_lose_updates():
    shared = counter.UnsafeCounter()
    counter.run_in_threads(lambda: shared.increment(pause=lambda: time.sleep(0.0005)), threads=4, times=50)
    assert shared.value < 200


def test_the_lock_makes_every_increment_count():
    shared = counter.SafeCounter()
    counter.run_in_threads(lambda: shared.increment(pause=lambda: time.sleep(0.0005)), threads=4, times=50)
    assert shared.value == 200


def test_the_lock_blocks_a_second_thread_until_the_first_is_done():
    shared = counter.SafeCounter()
    second_got_in = threading.Event()

    def slow_pause() -> None:
        if not second_got_in.is_set():
            time.sleep(0.2)

    first = threading.Thread(target=shared.increment, kwargs={"pause": slow_pause})
    first.start()
    time.sleep(0.05)  # the first thread now holds the lock and sleeps inside it
    second = threading.Thread(target=lambda: (shared.increment(), second_got_in.set()))
    second.start()
    assert not second_got_in.wait(0.05)  # still waiting for the lock
    first.join()
    second.join()
    assert second_got_in.is_set() and shared.value == 2


def test_a_pipe_connects_one_programs_output_to_the_next_ones_input():
    assert ipc.pipeline("a\nb\nc\n") == "3"


@posix_only
def test_a_unix_socket_carries_messages_both_ways_between_processes(tmp_path):
    received, child_output = ipc.unix_socket_round_trip(tmp_path / "app.sock")
    assert received == "ping from child"
    assert child_output == "pong from parent"


def test_a_non_blocking_read_returns_at_once_when_nothing_has_arrived():
    left, right = socket.socketpair()
    with left, right:
        started = time.monotonic()
        assert event_loop.read_now(left) is None
        assert time.monotonic() - started < 0.5
        right.sendall(b"hi")
        time.sleep(0.05)
        assert event_loop.read_now(left) == b"hi"


def test_one_thread_serves_several_clients_at_the_same_time():
    server = event_loop.EchoServer()
    thread = event_loop.start(server)
    clients = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(3)]
    try:
        for number, client in enumerate(clients):  # all three are connected before any is answered
            client.sendall(f"hello {number}".encode())
        assert [client.recv(1024) for client in clients] == [b"HELLO 0", b"HELLO 1", b"HELLO 2"]
    finally:
        for client in clients:
            client.close()
        server.running = False
        thread.join(timeout=5)
    assert not thread.is_alive()


def test_reference_counting_frees_at_once_but_cycles_wait_for_the_collector():
    assert memory.freed_without_collector() == (True, False)


def test_tracemalloc_shows_the_leak_and_the_bound_keeps_memory_flat():
    memory.bounded_handler(b"warm up")  # let one-off allocations happen before measuring
    leaked = memory.growth_in_bytes(memory.leaky_handler, 2_000)
    bounded = memory.growth_in_bytes(memory.bounded_handler, 2_000)
    assert leaked > 2_000 * 1_000  # every 1 KB body is still held
    assert bounded < 200 * 1_000  # at most about 100 bodies are held


def test_port_zero_gets_a_free_port_and_a_taken_port_is_a_clear_error():
    first = ports.listen("127.0.0.1")
    with first:
        port = first.getsockname()[1]
        assert 1024 <= port <= 65535
        with pytest.raises(RuntimeError, match=f"port {port} is already in use"):
            ports.listen("127.0.0.1", port)
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass  # something is listening, so the connection is accepted into the backlog


def test_nothing_listening_means_connection_refused():
    sock = ports.listen("127.0.0.1")
    port = sock.getsockname()[1]
    sock.close()  # now nothing listens on that port
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)


@posix_only
def test_a_restarted_server_binds_although_its_old_connection_waits_in_time_wait():
    first = ports.listen("127.0.0.1")
    port = first.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port), timeout=5)
    conn, _ = first.accept()
    conn.close()  # the server closes first, so its end of the connection goes through TIME_WAIT
    assert client.recv(1) == b""
    client.close()
    first.close()
    plain = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with plain, pytest.raises(OSError) as refused:
        plain.bind(("127.0.0.1", port))  # no SO_REUSEADDR: the old connection still holds the port
    assert refused.value.errno == errno.EADDRINUSE
    ports.listen("127.0.0.1", port).close()  # with it, the restart works
