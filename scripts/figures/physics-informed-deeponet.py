"""Figures for the article "physics-informed-deeponet".

  architecture  branch/trunk diagram with the physics-informed loss
  predictions   PI-DeepONet predictions vs exact antiderivatives for three unseen inputs

The predictions come from the same model as the companion notebook (full settings, seeded, CPU), stored in
physics-informed-deeponet.results.json; `--rerun` trains it again (about 10,000 Adam steps, one to two
minutes) and stores what it predicts.

Run from the repository root:  python scripts/figures/physics-informed-deeponet.py [--out DIR] [--rerun]
"""

import itertools

import numpy as np
import torch
from figure_style import main, plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from torch import nn
from torch.func import jvp


# ----------------------------------------------------------------------------- architecture
def box(ax, xy, w, h, text, palette, color):
    style = "round,pad=0.02,rounding_size=0.03"
    ax.add_patch(FancyBboxPatch(xy, w, h, boxstyle=style, fc=palette.tint(color), ec=palette.secondary, lw=1.0))
    ax.text(xy[0] + w / 2, xy[1] + h / 2, text, ha="center", va="center")


def arrow(ax, start, end, color, ls="-"):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color=color, lw=1.2, linestyle=ls))


def architecture(results, text, palette):
    blue, orange, green, red = palette.categories[:4]
    fig, ax = plt.subplots(figsize=(9.8, 4.2))
    ax.set_xlim(0, 10.3)
    ax.set_ylim(0, 4.6)
    ax.axis("off")

    # input function with sensors
    xs = np.linspace(0.2, 2.0, 60)
    ax.plot(xs, 3.55 + 0.35 * np.sin(4 * xs) + 0.1 * np.cos(9 * xs), color=blue)
    xsens = np.linspace(0.3, 1.9, 6)
    ax.plot(xsens, 3.55 + 0.35 * np.sin(4 * xsens) + 0.1 * np.cos(9 * xsens), "o", ms=4, color=red)
    ax.text(1.1, 4.25, text["input_function"], ha="center")
    ax.text(1.1, 2.85, text["sensors"], ha="center", va="center", fontsize=9)

    ax.text(1.1, 1.05, text["query_point"], ha="center", va="center")
    box(ax, (2.5, 3.05), 1.7, 0.9, "branch net\n(MLP, m -> p)", palette, blue)
    box(ax, (2.5, 0.6), 1.7, 0.9, "trunk net\n(MLP, 1 -> p)", palette, orange)
    arrow(ax, (2.05, 3.5), (2.5, 3.5), palette.secondary)
    arrow(ax, (1.75, 1.05), (2.5, 1.05), palette.secondary)

    arrow(ax, (4.2, 3.5), (5.75, 2.75), palette.secondary)
    arrow(ax, (4.2, 1.05), (5.75, 1.85), palette.secondary)
    ax.text(5.0, 3.3, "b_1(u) ... b_p(u)", ha="left", va="bottom", fontsize=9)
    ax.text(5.0, 1.25, "t_1(y) ... t_p(y)", ha="left", va="top", fontsize=9)

    box(ax, (5.75, 1.85), 2.05, 0.9, text["dot_product"], palette, green)
    arrow(ax, (7.8, 2.3), (8.1, 2.3), palette.secondary)
    ax.text(9.0, 2.3, "G(u)(y) ≈ s(y)", ha="center", va="center", fontsize=11)

    # physics-informed loss
    ax.text(9.0, 3.95, text["autograd"], ha="center", va="center", fontsize=9)
    arrow(ax, (9.0, 2.55), (9.0, 3.55), red, ls="--")
    ax.text(9.0, 0.75, text["loss"], ha="center", va="center", fontsize=9)
    arrow(ax, (9.0, 2.05), (9.0, 1.3), red, ls="--")
    return fig


# ----------------------------------------------------------------------------- training (as in the notebook)
SEED = 0
N_GRID, M_SENSORS, LENGTH_SCALE = 512, 100, 0.2
N_TRAIN, N_TEST, STEPS, BATCH, N_COLLOC = 2000, 200, 10000, 128, 100
grid = np.linspace(0.0, 1.0, N_GRID)
sensors = np.linspace(0.0, 1.0, M_SENSORS)
SHOWN = 3  # test inputs drawn


def sample_grf(n_funcs, length_scale, rng):
    diff = grid[:, None] - grid[None, :]
    cov = np.exp(-0.5 * (diff / length_scale) ** 2)
    eigval, eigvec = np.linalg.eigh(cov)
    root = eigvec * np.sqrt(np.clip(eigval, 0.0, None))
    return (root @ rng.standard_normal((N_GRID, n_funcs))).T


def antiderivative(u_grid):
    dx = grid[1] - grid[0]
    increments = 0.5 * (u_grid[:, 1:] + u_grid[:, :-1]) * dx
    return np.concatenate([np.zeros((len(u_grid), 1)), np.cumsum(increments, axis=1)], axis=1)


def at_points(x, f_grid):
    return np.stack([np.interp(x, grid, f) for f in f_grid])


def mlp(sizes):
    layers = []
    for d_in, d_out in itertools.pairwise(sizes):
        layers += [nn.Linear(d_in, d_out), nn.Tanh()]
    return nn.Sequential(*layers[:-1])


class DeepONet(nn.Module):
    def __init__(self, m, width=64, depth=3, p=64):
        super().__init__()
        self.branch = mlp([m] + [width] * depth + [p])
        self.trunk = nn.Sequential(mlp([1] + [width] * depth + [p]), nn.Tanh())
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, u, y):
        return self.branch(u) @ self.trunk(y).T + self.bias

    def forward_with_dy(self, u, y):
        t, dt_dy = jvp(self.trunk, (y,), (torch.ones_like(y),))
        b = self.branch(u)
        return b @ t.T + self.bias, b @ dt_dy.T


def interp_fine(u_fine, y):
    pos = y.squeeze(-1) * (N_GRID - 1)
    lo = pos.floor().long().clamp(max=N_GRID - 2)
    w = pos - lo
    return (1 - w) * u_fine[:, lo] + w * u_fine[:, lo + 1]


def physics_loss(model, u_sensors, u_fine, y):
    _, ds_dy = model.forward_with_dy(u_sensors, y)
    residual = ds_dy - interp_fine(u_fine, y)
    s0 = model(u_sensors, torch.zeros(1, 1))
    return (residual**2).mean(), (s0**2).mean()


def relative_l2(model, U, s_true):
    with torch.no_grad():
        pred = model(U, torch.tensor(sensors, dtype=torch.float32)[:, None]).numpy()
    return np.linalg.norm(pred - s_true, axis=1) / np.linalg.norm(s_true, axis=1), pred


def experiment():
    """Trains the notebook's model; returns the plotted test inputs, exact solutions and predictions."""
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    u_train = sample_grf(N_TRAIN, LENGTH_SCALE, rng)
    u_test = sample_grf(N_TEST, LENGTH_SCALE, rng)
    U_train = torch.tensor(at_points(sensors, u_train), dtype=torch.float32)
    u_train_fine = torch.tensor(u_train, dtype=torch.float32)
    U_test = torch.tensor(at_points(sensors, u_test), dtype=torch.float32)
    s_test = at_points(sensors, antiderivative(u_test))

    model = DeepONet(M_SENSORS)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=STEPS, eta_min=1e-5)
    gen = torch.Generator().manual_seed(SEED)
    for _ in range(STEPS):
        idx = torch.randint(0, N_TRAIN, (BATCH,), generator=gen)
        y = torch.rand(N_COLLOC, 1, generator=gen)
        loss_ode, loss_ic = physics_loss(model, U_train[idx], u_train_fine[idx], y)
        opt.zero_grad()
        (loss_ode + loss_ic).backward()
        opt.step()
        sched.step()

    err, pred = relative_l2(model, U_test, s_test)
    print(f"mean relative L2 test error: {err.mean():.4f}")
    shown = range(SHOWN)
    return {
        "u": [u_test[k][::4].tolist() for k in shown],
        "exact": [s_test[k][::2].tolist() for k in shown],
        "predicted": [pred[k][::2].tolist() for k in shown],
        "errors": err[:SHOWN].tolist(),
        "mean_error": float(err.mean()),
    }


def predictions(results, text, palette):
    fig, ax = plt.subplots(2, 3, figsize=(10, 4.6), sharex=True)
    for k in range(SHOWN):
        ax[0, k].plot(grid[::4], results["u"][k], color=palette.secondary, lw=1.2)
        ax[0, k].axhline(0, color=palette.grid, lw=0.6)
        ax[0, k].set_title(text["input_title"].format(k=k + 1))
        ax[1, k].plot(sensors[::2], results["exact"][k], color=palette.categories[0], lw=2.2, label=text["exact"])
        ax[1, k].plot(sensors[::2], results["predicted"][k], "--", color=palette.categories[1], lw=1.6, label="PI-DeepONet")
        ax[1, k].set_title(text["prediction_title"].format(error=results["errors"][k]))
        ax[1, k].set_xlabel("x")
    ax[1, 0].legend(frameon=False, loc="best")
    fig.suptitle(text["title"].format(n=N_TEST, error=results["mean_error"]), fontsize=10)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    main(__file__, {"architecture": architecture, "predictions": predictions}, experiment, stored=True)
