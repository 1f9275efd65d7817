"""Figures for the article "machine-unlearning-challenge".

Re-runs the companion notebook's experiment (full settings: 5 seeds, 60 epochs, CPU, seeded; well under
a minute on a laptop) and writes two SVGs to posts/assets/machine-unlearning-challenge/:
  loss-histograms.svg  per-example loss, forget vs test, for each model (first seed)
  tradeoff.svg         test accuracy vs membership-inference AUC, mean and std over seeds
"""

import copy

import figure_style
import numpy as np
import torch
from figure_style import output_dir, plt
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from torch import nn

OUT = output_dir("machine-unlearning-challenge")

torch.set_num_threads(1)
# float64, as in the notebook: in float32 the third digit of the results changes with the CPU's vector instructions.
torch.set_default_dtype(torch.float64)
SEEDS = [0, 1, 2, 3, 4]
EPOCHS = 60
UNLEARN_EPOCHS = 5
FORGET_FRACTION = 0.1
PIXEL_NOISE = 0.3

X, y = load_digits(return_X_y=True)
noise = np.random.default_rng(123).standard_normal(X.shape)
X = (X / 16.0 + PIXEL_NOISE * noise).astype(np.float64)


def make_split(seed):
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, stratify=y, random_state=seed)
    rng = np.random.default_rng(seed)
    forget = np.zeros(len(X_tr), dtype=bool)
    forget[rng.choice(len(X_tr), size=int(FORGET_FRACTION * len(X_tr)), replace=False)] = True

    def tensors(mask_X, mask_y):
        return torch.tensor(mask_X), torch.tensor(mask_y, dtype=torch.long)

    return {
        "train": tensors(X_tr, y_tr),
        "retain": tensors(X_tr[~forget], y_tr[~forget]),
        "forget": tensors(X_tr[forget], y_tr[forget]),
        "test": tensors(X_te, y_te),
    }


def make_model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


def batches(n, batch_size, gen):
    perm = torch.randperm(n, generator=gen)
    return [perm[i : i + batch_size] for i in range(0, n, batch_size)]


def fit(model, X, y, epochs, seed, lr=1e-3, batch_size=32):
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    steps = 0
    for _ in range(epochs):
        for idx in batches(len(y), batch_size, gen):
            opt.zero_grad()
            loss_fn(model(X[idx]), y[idx]).backward()
            opt.step()
            steps += 1
    return model, steps


def retrain(original, data, seed):
    return fit(make_model(1000 + seed), *data["retain"], EPOCHS, seed=1000 + seed)


def finetune(original, data, seed):
    return fit(copy.deepcopy(original), *data["retain"], UNLEARN_EPOCHS, seed=seed)


def gradient_ascent(original, data, seed, alpha=0.1, lr=1e-3, batch_size=32):
    model = copy.deepcopy(original)
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    (X_r, y_r), (X_f, y_f) = data["retain"], data["forget"]
    steps = 0
    for _ in range(UNLEARN_EPOCHS):
        for idx in batches(len(y_r), batch_size, gen):
            f_idx = torch.randint(0, len(y_f), (batch_size,), generator=gen)
            loss = loss_fn(model(X_r[idx]), y_r[idx]) - alpha * loss_fn(model(X_f[f_idx]), y_f[f_idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            steps += 1
    return model, steps


def random_labels(original, data, seed):
    gen = torch.Generator().manual_seed(seed)
    (X_r, y_r), (X_f, y_f) = data["retain"], data["forget"]
    wrong = (y_f + torch.randint(1, 10, y_f.shape, generator=gen)) % 10
    return fit(copy.deepcopy(original), torch.cat([X_r, X_f]), torch.cat([y_r, wrong]), UNLEARN_EPOCHS, seed=seed)


METHODS = {"retrain": retrain, "fine-tune": finetune, "gradient ascent": gradient_ascent, "random labels": random_labels}


@torch.no_grad()
def per_example_loss(model, X, y):
    return nn.functional.cross_entropy(model(X).double(), y, reduction="none").numpy()


@torch.no_grad()
def accuracy(model, X, y):
    return (model(X).argmax(1) == y).float().mean().item()


def mia_auc(model, data, seed):
    loss_f = per_example_loss(model, *data["forget"])
    loss_t = per_example_loss(model, *data["test"])
    features = np.log(np.concatenate([loss_f, loss_t]) + 1e-12)[:, None]
    members = np.r_[np.ones(len(loss_f)), np.zeros(len(loss_t))]
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    attack = LogisticRegression(class_weight="balanced")
    return cross_val_score(attack, features, members, cv=cv, scoring="roc_auc").mean()


def evaluate(model, data, seed):
    return [
        accuracy(model, *data["retain"]),
        accuracy(model, *data["forget"]),
        accuracy(model, *data["test"]),
        mia_auc(model, data, seed),
    ]


def run():
    results = {name: [] for name in ["original", *METHODS]}
    kept, kept_data = {}, None
    for seed in SEEDS:
        data = make_split(seed)
        original, train_steps = fit(make_model(seed), *data["train"], EPOCHS, seed=seed)
        results["original"].append(evaluate(original, data, seed) + [train_steps])
        models = {"original": original}
        for name, method in METHODS.items():
            model, steps = method(original, data, seed)
            results[name].append(evaluate(model, data, seed) + [steps])
            models[name] = model
        if seed == SEEDS[0]:
            kept, kept_data = models, data
    return {k: np.array(v) for k, v in results.items()}, kept, kept_data


def save(fig, name):
    figure_style.save(fig, OUT / name, bbox_inches="tight")
    plt.close(fig)
    print("wrote", OUT / name)


COLORS = {
    "original": "#555555",
    "retrain": "#4c72b0",
    "fine-tune": "#dd8452",
    "gradient ascent": "#55a868",
    "random labels": "#c44e52",
}


LABEL_OFFSETS = {
    "original": (8, -14, "left"),
    "retrain": (8, 6, "left"),
    "fine-tune": (-8, 8, "right"),
    "gradient ascent": (8, 6, "left"),
    "random labels": (8, 6, "left"),
}


def histograms(kept, data, results):
    fig, axes = plt.subplots(1, 5, figsize=(13, 2.9), sharey=True)
    bins = np.linspace(-12, 3, 31)
    for ax, (name, model) in zip(axes, kept.items()):
        lt = np.log10(per_example_loss(model, *data["test"]) + 1e-12)
        lf = np.log10(per_example_loss(model, *data["forget"]) + 1e-12)
        ax.hist(lt, bins=bins, density=True, histtype="stepfilled", color="#9aa7b8", label="test")
        ax.hist(lf, bins=bins, density=True, histtype="step", lw=1.8, color="#c44e52", label="forget")
        ax.set_title(f"{name}\nattack AUC {results[name][0, 3]:.2f}", fontsize=10)
        ax.set_xlabel("log10 per-example loss")
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].legend(frameon=False, loc="upper left")
    fig.tight_layout()
    save(fig, "loss-histograms.svg")


def tradeoff(results):
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for name, rows in results.items():
        mean, std = rows.mean(0), rows.std(0)
        ax.errorbar(mean[3], mean[2], xerr=std[3], yerr=std[2], fmt="o", ms=7, capsize=3, color=COLORS[name])
        label = name if name == "original" else f"{name} ({mean[4]:.0f} steps)"
        dx, dy, ha = LABEL_OFFSETS[name]
        ax.annotate(label, (mean[3], mean[2]), textcoords="offset points", xytext=(dx, dy), fontsize=9, color=COLORS[name], ha=ha)
    ax.axvline(0.5, color="#999999", ls="--", lw=1)
    ax.text(0.503, ax.get_ylim()[0] + 0.002, "attacker at chance", fontsize=8, color="#777777")
    ax.set_xlabel("membership-inference AUC, forget vs test (0.5 = attacker cannot tell)")
    ax.set_ylabel("test accuracy (utility)")
    ax.set_title(f"Forgetting vs utility, mean ± std over {len(SEEDS)} seeds", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    save(fig, "tradeoff.svg")


if __name__ == "__main__":
    results, kept, kept_data = run()
    for name, rows in results.items():
        mean = rows.mean(0)
        print(
            f"{name:16s} retain {mean[0]:.3f} forget {mean[1]:.3f} test {mean[2]:.3f} MIA AUC {mean[3]:.3f} steps {mean[4]:.0f}"
        )
    histograms(kept, kept_data, results)
    tradeoff(results)
