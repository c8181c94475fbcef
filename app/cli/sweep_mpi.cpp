// The cluster layer over MPI (sweep_cluster.hpp). Only the main thread of
// each rank calls MPI (MPI_THREAD_FUNNELED); training threads never do.
//
// Protocol. Rank 0 broadcasts a start status once it has planned the sweep
// (0: go). Each other rank then sends one REQUEST per free worker slot; rank
// 0 answers every REQUEST with RUN (a run's index and options) or NO_MORE.
// A rank sends RESULT when a run ends, then a new REQUEST unless it was told
// NO_MORE, and BYE once it has nothing running and no request unanswered.
// ABORT from rank 0 stops a rank's runs; it answers with BYE. Every send is
// non-blocking and both sides keep polling, so no pair of ranks can block
// each other whatever the message sizes.
#include <mpi.h>

#include <algorithm>
#include <cstdlib>
#include <list>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "cli/flags.hpp"
#include "cli/sweep_cluster.hpp"

namespace mulab::cli {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

enum Tag : int { kRequest = 1, kResult, kBye, kRun, kNoMore, kAbort };

// Sends stay alive (buffer and request) until MPI reports them complete.
class Outbox {
 public:
  void send(int to, Tag tag, std::string payload = {}) {
    auto& m = pending_.emplace_back(std::move(payload), MPI_REQUEST_NULL);
    MPI_Isend(m.first.data(), static_cast<int>(m.first.size()), MPI_CHAR, to, tag, MPI_COMM_WORLD,
              &m.second);
  }
  void progress() {
    for (auto it = pending_.begin(); it != pending_.end();) {
      int done = 0;
      MPI_Test(&it->second, &done, MPI_STATUS_IGNORE);
      it = done ? pending_.erase(it) : std::next(it);
    }
  }
  void flush() {
    for (auto& m : pending_) MPI_Wait(&m.second, MPI_STATUS_IGNORE);
    pending_.clear();
  }

 private:
  std::list<std::pair<std::string, MPI_Request>> pending_;
};

struct Message {
  int from = 0;
  Tag tag = kRequest;
  std::string payload;
};

// The next message from `source` (or anyone), if one has arrived.
std::optional<Message> poll(int source = MPI_ANY_SOURCE) {
  int flag = 0;
  MPI_Status st;
  MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
  if (!flag) return std::nullopt;
  int count = 0;
  MPI_Get_count(&st, MPI_CHAR, &count);
  Message m{st.MPI_SOURCE, static_cast<Tag>(st.MPI_TAG), std::string(size_t(count), '\0')};
  MPI_Recv(m.payload.data(), count, MPI_CHAR, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return m;
}

std::string runMessage(const PlannedRun& run) {
  Json options = Json::array();
  for (const auto& [key, value] : run.options) options.push_back({key, value});
  return Json{{"index", run.index}, {"options", options}}.dump();
}

// Rank 0's view: its own pool plus the ranks that asked for work.
class MpiBackend final : public RunBackend {
 public:
  MpiBackend(RunPool& pool, int size, std::string host)
      : pool_(pool),
        host_(std::move(host)),
        idle_(size, 0),
        gone_(size, false),
        aborted_(size, false) {
    gone_[0] = true;
  }

  bool canStart() override {
    receive();
    return pool_.freeSlots() > 0 || idleRank() >= 0;
  }

  void start(const PlannedRun& run) override {
    if (const int r = idleRank(); r >= 0) {
      --idle_[r];
      ++remote_running_;
      out_.send(r, kRun, runMessage(run));
    } else {
      pool_.start(run.index, run.config);
    }
  }

  std::vector<RunOutcome> collect(std::chrono::milliseconds wait) override {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (true) {
      receive();
      for (RunOutcome& o : pool_.collect(0ms)) {
        o.where = "rank 0 on " + host_;
        results_.push_back(std::move(o));
      }
      if (!results_.empty() || std::chrono::steady_clock::now() >= deadline) break;
      std::this_thread::sleep_for(5ms);
    }
    return std::exchange(results_, {});
  }

  size_t running() const override { return pool_.running() + remote_running_; }

  void finish() override { release(kNoMore); }

  void abort() override {
    pool_.stopAll();
    for (size_t r = 1; r < gone_.size(); ++r) {
      if (!gone_[r]) out_.send(int(r), kAbort);
      aborted_[r] = true;
    }
    release(kNoMore);
  }

 private:
  int idleRank() const {
    for (size_t r = 1; r < idle_.size(); ++r) {
      if (idle_[r] > 0 && !gone_[r]) return int(r);
    }
    return -1;
  }

  void receive() {
    out_.progress();
    while (auto m = poll()) {
      if (m->tag == kRequest) {
        ++idle_[m->from];
      } else if (m->tag == kBye) {
        gone_[m->from] = true;
      } else if (m->tag == kResult) {
        --remote_running_;
        auto o = parseOutcome(m->payload);
        if (o) {
          results_.push_back(std::move(*o));
        } else {
          throw OutputError{"rank " + std::to_string(m->from) +
                            " sent an unreadable result: " + o.error()};
        }
      }
    }
  }

  // Answers every request with `answer` until each rank has said goodbye.
  void release(Tag answer) {
    while (std::find(gone_.begin(), gone_.end(), false) != gone_.end()) {
      receive();
      results_.clear();
      for (size_t r = 1; r < idle_.size(); ++r) {
        if (aborted_[r]) continue;  // an aborted rank leaves without reading answers
        for (; idle_[r] > 0; --idle_[r]) out_.send(int(r), answer);
      }
      std::this_thread::sleep_for(2ms);
    }
    out_.flush();
  }

  RunPool& pool_;
  std::string host_;
  std::vector<int> idle_;  // unanswered requests per rank
  std::vector<bool> gone_, aborted_;
  size_t remote_running_ = 0;
  std::vector<RunOutcome> results_;
  Outbox out_;
};

class MpiCluster final : public Cluster {
 public:
  MpiCluster() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm node;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node);
    MPI_Comm_size(node, &local_);
    MPI_Comm_free(&node);
    char name[MPI_MAX_PROCESSOR_NAME];
    int len = 0;
    MPI_Get_processor_name(name, &len);
    host_.assign(name, size_t(len));
  }
  ~MpiCluster() override { MPI_Finalize(); }

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int localRanks() const override { return local_; }
  std::string host() const override { return host_; }

  void release(int status) override { MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD); }

  std::unique_ptr<RunBackend> backend(RunPool& local) override {
    return std::make_unique<MpiBackend>(local, size_, host_);
  }

  int serve(RunPool& pool) override {
    int status = 0;
    MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (status != 0) return status;  // rank 0 reports why
    const std::string where = "rank " + std::to_string(rank_) + " on " + host_;
    Outbox out;
    int unanswered = 0;
    bool no_more = false;
    for (int i = 0; i < pool.slots(); ++i, ++unanswered) out.send(0, kRequest);
    while (!(no_more && unanswered == 0 && pool.running() == 0)) {
      out.progress();
      while (auto m = poll(0)) {
        if (m->tag == kAbort) {
          pool.stopAll();
          out.send(0, kBye);
          out.flush();
          return 0;
        }
        --unanswered;
        if (m->tag == kNoMore) {
          no_more = true;
          continue;
        }
        if (auto failed = startRun(pool, m->payload))
          report(std::move(*failed), where, out, no_more, unanswered);
      }
      const auto outcomes = pool.running() ? pool.collect(20ms) : std::vector<RunOutcome>{};
      if (!pool.running() && outcomes.empty()) std::this_thread::sleep_for(5ms);
      for (RunOutcome o : outcomes) report(std::move(o), where, out, no_more, unanswered);
    }
    out.send(0, kBye);
    out.flush();
    return 0;
  }

 private:
  static void report(RunOutcome o, const std::string& where, Outbox& out, bool no_more,
                     int& unanswered) {
    o.where = where;
    out.send(0, kResult, outcomeText(o));
    if (!no_more) {
      out.send(0, kRequest);
      ++unanswered;
    }
  }

  // A run message's options parse into the config rank 0 checked; a failure
  // here (a different build on this rank, say) is that run's outcome.
  static std::optional<RunOutcome> startRun(RunPool& pool, const std::string& payload) {
    RunOutcome failed;
    failed.kind = RunOutcome::Kind::kFailed;
    try {
      const Json j = Json::parse(payload);
      OptionList options;
      for (const auto& pair : j.at("options")) options.emplace_back(pair.at(0), pair.at(1));
      failed.index = j.at("index").get<size_t>();
      auto config = runConfigFromOptions(options, kStoreGrid);
      if (config) {
        pool.start(failed.index, std::move(*config));
        return std::nullopt;
      }
      failed.error = config.error();
    } catch (const std::exception& e) {
      failed.error = std::string("unreadable run message: ") + e.what();
    }
    return failed;
  }

  int rank_ = 0, size_ = 1, local_ = 1;
  std::string host_;
};

}  // namespace

std::unique_ptr<Cluster> joinClusterIfLaunched() {
  // mpirun's environment, read before touching MPI: OpenMPI, then PMI (MPICH, Slurm).
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* size = std::getenv(var);
    if (size && std::atoi(size) >= 2) return std::make_unique<MpiCluster>();
  }
  return nullptr;
}

}  // namespace mulab::cli
